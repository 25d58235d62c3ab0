-- Merges of two customers found to be one person: the source keeps its row (marked merged_into) so old references
-- still resolve, and every merge is kept for auditors: who merged whom, when, and what moved.
ALTER TABLE customers ADD COLUMN merged_into BIGINT NULL;

CREATE TABLE customer_merges (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    source_id   BIGINT       NOT NULL,
    target_id   BIGINT       NOT NULL,
    merged_by   VARCHAR(100) NOT NULL,
    identities  TEXT         NOT NULL,
    case_ids    TEXT         NOT NULL,
    merged_at   TIMESTAMP(6) NOT NULL,
    INDEX ix_merges_source (source_id),
    INDEX ix_merges_target (target_id)
) ENGINE = InnoDB;
