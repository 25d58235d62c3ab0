-- What the assistant tried on a case: shown to the agent in the handover, so the customer never repeats themselves.
CREATE TABLE assistant_attempts (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    case_id    BIGINT       NOT NULL,
    question   MEDIUMTEXT   NOT NULL,
    answered   BOOLEAN      NOT NULL,
    answer     TEXT,
    topic      VARCHAR(80),
    confidence DOUBLE       NOT NULL,
    sources    TEXT         NOT NULL,
    reason     VARCHAR(300),
    created_at TIMESTAMP(6) NOT NULL,
    INDEX ix_attempts_case (case_id)
) ENGINE = InnoDB;
