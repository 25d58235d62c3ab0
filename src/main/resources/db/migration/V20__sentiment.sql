-- Sentiment of each inbound message, and the rolling sentiment of its case with the direction it is heading.
ALTER TABLE interactions
    ADD COLUMN sentiment_score DOUBLE      NULL,
    ADD COLUMN sentiment_label VARCHAR(10) NULL;

ALTER TABLE cases
    ADD COLUMN sentiment          DOUBLE      NULL,
    ADD COLUMN sentiment_trend    VARCHAR(10) NULL,
    ADD COLUMN sentiment_messages INT         NOT NULL DEFAULT 0;

-- Routing reads a customer's recent messages (repeat complaints about one topic in the last 90 days).
CREATE INDEX ix_interactions_kind_occurred ON interactions (kind, occurred_at);
