-- Mail a machine sent (auto-replies, ticket-system acknowledgements, mailing lists, no-reply senders, delivery status
-- notifications) that belongs to no case: it opens none and is answered by nothing, and agents can look it up here.
CREATE TABLE machine_mail (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    message_id   VARCHAR(255) NOT NULL,
    sender       VARCHAR(320),
    subject      VARCHAR(300),
    kind         VARCHAR(20)  NOT NULL,
    signal_text  VARCHAR(300) NOT NULL,
    excerpt      VARCHAR(1000),
    received_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_machine_mail_message UNIQUE (message_id),
    INDEX ix_machine_mail_received (received_at)
) ENGINE = InnoDB;
