-- One-time codes by which a chat visitor proves an email address before the chat is linked to the customer who owns
-- it. Only a salted hash of the code is kept. Rows are never deleted: with the merge they lead to, they tell an auditor
-- which visitor proved which address, when, and after how many tries; they also count requests for the rate limits.
CREATE TABLE chat_email_verifications (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    visitor      VARCHAR(128) NOT NULL,
    email        VARCHAR(254) NOT NULL,
    code_salt    CHAR(32)     NOT NULL,
    code_hash    CHAR(64)     NOT NULL,
    state        VARCHAR(20)  NOT NULL,
    attempts     INT          NOT NULL DEFAULT 0,
    created_at   TIMESTAMP(6) NOT NULL,
    expires_at   TIMESTAMP(6) NOT NULL,
    finished_at  TIMESTAMP(6) NULL,
    merge_id     BIGINT       NULL,
    INDEX ix_chat_verifications_visitor (visitor, created_at),
    INDEX ix_chat_verifications_email (email, created_at)
) ENGINE = InnoDB;

-- A merge made by a chat visitor's code names the visitor and the address they proved, so the merge record alone
-- tells an auditor who linked what.
ALTER TABLE customer_merges MODIFY merged_by VARCHAR(400) NOT NULL;
