-- Who deployed each version of a process through the designer, and why; a rollback names the version it restored.
-- Versions the application deployed itself at startup have no row here.
CREATE TABLE process_versions (
    process_definition_id VARCHAR(64)   NOT NULL PRIMARY KEY,
    process_key           VARCHAR(255)  NOT NULL,
    version               INT           NOT NULL,
    deployment_id         VARCHAR(64)   NOT NULL,
    deployed_by           VARCHAR(100)  NOT NULL,
    reason                VARCHAR(1000) NOT NULL,
    deployed_at           TIMESTAMP(3)  NOT NULL,
    rollback_of           INT           NULL,
    UNIQUE KEY uk_process_versions_key_version (process_key, version)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
