-- The audit trail: append-only and hash-chained. Each entry's hash is SHA-256 over the previous entry's hash and the
-- entry's canonical JSON header (sequence, kind, case, customer, actor, time and the SHA-256 digest of its content),
-- so the content itself can be dropped (pseudonymised on erasure) without breaking the chain.
-- An entry is written (staged: no seq, no hashes) in the transaction of the change it records, without any lock; the
-- sealer appends staged entries to the chain in one thread moments later (seq, prev_hash, hash), under the head lock.
CREATE TABLE audit_entries (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    seq              BIGINT       NULL,
    kind             VARCHAR(60)  NOT NULL,
    case_id          BIGINT       NULL,
    customer_id      BIGINT       NULL,
    actor            VARCHAR(320) NOT NULL,
    occurred_at      TIMESTAMP(6) NOT NULL,
    content          MEDIUMTEXT   NULL,
    content_digest   CHAR(64)     NOT NULL,
    prev_hash        CHAR(64)     NULL,
    hash             CHAR(64)     NULL,
    pseudonymised_at TIMESTAMP(6) NULL,
    recorded_at      TIMESTAMP(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT uk_audit_seq UNIQUE (seq),
    INDEX ix_audit_unsealed (seq, id),
    INDEX ix_audit_case (case_id, seq),
    INDEX ix_audit_customer (customer_id, seq)
) ENGINE = InnoDB;

-- The head of the chain, one row: the sealer locks it (SELECT ... FOR UPDATE) so the chain stays linear. chain_id names
-- this chain in the checkpoint files, so a checkpoint of another database is never compared with this one.
CREATE TABLE audit_head (
    id        TINYINT      NOT NULL PRIMARY KEY,
    chain_id  CHAR(36)     NOT NULL,
    seq       BIGINT       NOT NULL,
    hash      CHAR(64)     NOT NULL
) ENGINE = InnoDB;

INSERT INTO audit_head (id, chain_id, seq, hash)
VALUES (1, UUID(), 0, '0000000000000000000000000000000000000000000000000000000000000000');
