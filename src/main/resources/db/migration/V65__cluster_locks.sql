-- Scheduled work that must run on one node at a time however many nodes share this database (retention, the nightly
-- audit verification): a node runs it only after moving locked_until forward from the past (io.omnicase.cluster.ClusterLock).
-- Times are the database's clock, the same for every node.
CREATE TABLE cluster_locks (
    name         VARCHAR(80)  NOT NULL PRIMARY KEY,
    locked_by    VARCHAR(200) NOT NULL,
    locked_at    DATETIME(3)  NOT NULL,
    locked_until DATETIME(3)  NOT NULL
) ENGINE = InnoDB;
