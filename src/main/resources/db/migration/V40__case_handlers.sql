-- Who handled a case: an agent keeps access to a case they replied to, claimed or resolved, also after the case moves
-- to a queue that is not theirs. One row per case and agent; how and when they first handled it.
CREATE TABLE case_handlers (
    case_id     BIGINT       NOT NULL,
    username    VARCHAR(100) NOT NULL,
    first_how   VARCHAR(20)  NOT NULL,
    first_at    TIMESTAMP(6) NOT NULL,
    PRIMARY KEY (case_id, username),
    CONSTRAINT fk_case_handlers_case FOREIGN KEY (case_id) REFERENCES cases (id),
    INDEX ix_case_handlers_user (username, case_id)
) ENGINE = InnoDB;
