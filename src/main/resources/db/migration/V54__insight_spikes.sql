-- Spikes the insight module detected (a topic's customer messages on a channel far above their baseline in a window):
-- each (topic, channel, window end) is announced once, however many nodes or checks see it.
CREATE TABLE insight_spikes (
    id            BIGINT AUTO_INCREMENT PRIMARY KEY,
    topic         VARCHAR(40)  NOT NULL,
    channel       VARCHAR(20)  NOT NULL,
    window_end    TIMESTAMP(3) NOT NULL,
    messages      BIGINT       NOT NULL,
    baseline_mean DOUBLE       NOT NULL,
    rising_terms  VARCHAR(1000) NOT NULL,
    case_ids      TEXT         NOT NULL,
    detected_at   TIMESTAMP(3) NOT NULL,
    CONSTRAINT uq_insight_spike UNIQUE (topic, channel, window_end),
    INDEX ix_insight_spikes_detected (detected_at)
);
