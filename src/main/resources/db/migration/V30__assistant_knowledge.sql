-- The assistant's knowledge: articles (Markdown) and resolved examples. Elasticsearch's `knowledge` index is derived.

CREATE TABLE knowledge_articles (
    slug       VARCHAR(120) PRIMARY KEY,
    title      VARCHAR(300) NOT NULL,
    topic      VARCHAR(80)  NOT NULL,
    body       MEDIUMTEXT   NOT NULL,
    origin     VARCHAR(40)  NOT NULL,
    updated_by VARCHAR(320),
    updated_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;

-- source_key makes learning idempotent: a resolved case's event delivered twice adds one example.
CREATE TABLE assistant_examples (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    question   TEXT         NOT NULL,
    answer     TEXT         NOT NULL,
    topic      VARCHAR(80)  NOT NULL,
    origin     VARCHAR(60)  NOT NULL,
    source_key VARCHAR(120) NULL,
    created_by VARCHAR(320),
    created_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT uk_example_source UNIQUE (source_key),
    INDEX ix_examples_origin (origin)
) ENGINE = InnoDB;
