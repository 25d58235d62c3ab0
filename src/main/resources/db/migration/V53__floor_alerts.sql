-- The supervisor floor's alert feed: alerts any module raises (SLA breached, sentiment falling, spikes, ...), newest
-- first; `queues` are the queues of the alert's cases when it was raised (comma-separated, empty for a floor-wide
-- alert), so each supervisor sees the alerts of their queues.
CREATE TABLE floor_alerts (
    id        BIGINT AUTO_INCREMENT PRIMARY KEY,
    kind      VARCHAR(60)   NOT NULL,
    title     VARCHAR(300)  NOT NULL,
    detail    VARCHAR(2000),
    case_ids  VARCHAR(2000) NOT NULL DEFAULT '',
    queues    VARCHAR(400)  NOT NULL DEFAULT '',
    raised_at TIMESTAMP(6)  NOT NULL,
    INDEX ix_floor_alerts_raised (raised_at)
) ENGINE = InnoDB;

-- The floor reads who last wrote on a timeline by author (the charts' (kind, occurred_at) index exists since V20).
CREATE INDEX ix_interactions_author_occurred ON interactions (author, occurred_at);
