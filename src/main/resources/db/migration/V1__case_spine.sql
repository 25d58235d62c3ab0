-- Omnicase's own tables. Camunda creates its ACT_* tables itself; Flyway baselines at version 0.

CREATE TABLE customers (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    display_name VARCHAR(200),
    tier         VARCHAR(20)  NOT NULL DEFAULT 'STANDARD',
    created_at   TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;

-- One row per way of reaching a customer; the same address never belongs to two customers.
CREATE TABLE customer_identities (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id BIGINT       NOT NULL,
    kind        VARCHAR(20)  NOT NULL,
    address     VARCHAR(320) NOT NULL,
    created_at  TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_identity UNIQUE (kind, address),
    CONSTRAINT fk_identity_customer FOREIGN KEY (customer_id) REFERENCES customers (id)
) ENGINE = InnoDB;

CREATE TABLE cases (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    customer_id  BIGINT       NOT NULL,
    status       VARCHAR(20)  NOT NULL,
    subject      VARCHAR(300),
    channel      VARCHAR(20)  NOT NULL,
    queue        VARCHAR(40),
    priority     INT,
    reopen_count INT          NOT NULL DEFAULT 0,
    opened_at    TIMESTAMP(6) NOT NULL,
    updated_at   TIMESTAMP(6) NOT NULL,
    resolved_at  TIMESTAMP(6) NULL,
    closed_at    TIMESTAMP(6) NULL,
    CONSTRAINT fk_case_customer FOREIGN KEY (customer_id) REFERENCES customers (id),
    INDEX ix_cases_customer_status (customer_id, status)
) ENGINE = InnoDB;

-- Conversation references (mail thread, chat conversation, ...) that point at a case.
CREATE TABLE case_threads (
    channel    VARCHAR(20)  NOT NULL,
    thread_ref VARCHAR(255) NOT NULL,
    case_id    BIGINT       NOT NULL,
    PRIMARY KEY (channel, thread_ref),
    CONSTRAINT fk_thread_case FOREIGN KEY (case_id) REFERENCES cases (id)
) ENGINE = InnoDB;

-- The timeline of a case: messages in and out, routing decisions, state changes, in the order they were recorded.
CREATE TABLE interactions (
    id                  BIGINT AUTO_INCREMENT PRIMARY KEY,
    case_id             BIGINT       NOT NULL,
    kind                VARCHAR(20)  NOT NULL,
    channel             VARCHAR(20),
    author              VARCHAR(320),
    body                MEDIUMTEXT,
    provider_message_id VARCHAR(255),
    thread_ref          VARCHAR(255),
    detail              TEXT,
    occurred_at         TIMESTAMP(6) NOT NULL,
    recorded_at         TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_provider_message UNIQUE (channel, provider_message_id),
    CONSTRAINT fk_interaction_case FOREIGN KEY (case_id) REFERENCES cases (id),
    INDEX ix_interactions_case (case_id, id)
) ENGINE = InnoDB;

CREATE TABLE users (
    username      VARCHAR(100) PRIMARY KEY,
    password_hash VARCHAR(200) NOT NULL,
    display_name  VARCHAR(200) NOT NULL,
    roles         VARCHAR(200) NOT NULL,
    queues        VARCHAR(200) NOT NULL DEFAULT '',
    enabled       BOOLEAN      NOT NULL DEFAULT TRUE
) ENGINE = InnoDB;

-- Spring Modulith's event publication registry; events are kept until their listener has completed.
CREATE TABLE EVENT_PUBLICATION (
    ID               VARCHAR(36)  NOT NULL PRIMARY KEY,
    LISTENER_ID      VARCHAR(512) NOT NULL,
    EVENT_TYPE       VARCHAR(512) NOT NULL,
    SERIALIZED_EVENT MEDIUMTEXT   NOT NULL,
    PUBLICATION_DATE TIMESTAMP(6) NOT NULL,
    COMPLETION_DATE  TIMESTAMP(6) NULL,
    INDEX EVENT_PUBLICATION_BY_COMPLETION_DATE_IDX (COMPLETION_DATE)
) ENGINE = InnoDB;
