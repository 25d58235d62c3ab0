-- Migrations of running cases from one process version to another, run as engine batches: what a progress view
-- needs after the engine has removed a finished batch (how many cases it moved, between which versions, who ran it).
CREATE TABLE process_migrations (
    batch_id     VARCHAR(64)  NOT NULL PRIMARY KEY,
    process_key  VARCHAR(255) NOT NULL,
    from_version INT          NOT NULL,
    to_version   INT          NOT NULL,
    total        INT          NOT NULL,
    started_by   VARCHAR(100) NOT NULL,
    started_at   TIMESTAMP(3) NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
