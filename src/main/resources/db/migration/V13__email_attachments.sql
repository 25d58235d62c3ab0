-- Files customers attached to their mails, after the size and content-type checks; served only as downloads.
CREATE TABLE email_attachments (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    case_id        BIGINT       NOT NULL,
    interaction_id BIGINT       NOT NULL,
    filename       VARCHAR(255) NOT NULL,
    content_type   VARCHAR(100) NOT NULL,
    size_bytes     INT          NOT NULL,
    content        LONGBLOB     NOT NULL,
    created_at     TIMESTAMP(6) NOT NULL,
    INDEX ix_attachments_case (case_id)
) ENGINE = InnoDB;
