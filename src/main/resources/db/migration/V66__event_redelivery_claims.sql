-- Redelivery of event publications left incomplete (a failed listener, a full event pool, a node that died): every
-- node looks for stale ones, and each claims a publication before it resubmits it, so two nodes never deliver the same
-- publication at the same moment. A claim expires (claimed_until, the database's clock); then any node may take it.
CREATE TABLE event_redelivery_claims (
    publication_id CHAR(36)     NOT NULL PRIMARY KEY,
    node           VARCHAR(200) NOT NULL,
    claimed_until  DATETIME(3)  NOT NULL,
    INDEX ix_event_redelivery_claims_until (claimed_until)
) ENGINE = InnoDB;
