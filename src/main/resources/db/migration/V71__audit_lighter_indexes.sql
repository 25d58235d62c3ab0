-- The audit trail's indexes, lighter for intake and the sealer.
-- ix_audit_unsealed (seq, id) duplicated uk_audit_seq: an InnoDB secondary index ends with the primary key, so
-- uk_audit_seq already orders the staged entries (seq IS NULL) by id. The case and customer indexes carried seq, so
-- sealing an entry (setting its seq) rewrote both; by case and by customer alone they stay as the entry was staged,
-- and a case's or customer's entries (a few hundred at most) are sorted after the lookup. Sealing now touches one
-- secondary index instead of four, and staging writes four index entries instead of five.
ALTER TABLE audit_entries
    DROP INDEX ix_audit_unsealed,
    DROP INDEX ix_audit_case,
    DROP INDEX ix_audit_customer,
    ADD INDEX ix_audit_case_id (case_id),
    ADD INDEX ix_audit_customer_id (customer_id);
