-- Which outbound messages a channel has handed to its provider: the claim that makes sending happen once, even when
-- the ReplyRecorded event is delivered again (after a failure, a restart, or on a second app node).
CREATE TABLE outbound_deliveries (
    interaction_id      BIGINT       NOT NULL PRIMARY KEY,
    channel             VARCHAR(20)  NOT NULL,
    state               VARCHAR(20)  NOT NULL,
    provider_message_id VARCHAR(255),
    error               VARCHAR(500),
    claimed_at          TIMESTAMP(6) NOT NULL,
    updated_at          TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;
