-- When a case's personal data was erased (its customer's erasure, or the retention period after closing ran out):
-- the retention job skips cases done before, and readers can tell an erased case from an empty one.
ALTER TABLE cases ADD COLUMN anonymised_at TIMESTAMP(6) NULL;
CREATE INDEX ix_cases_retention ON cases (status, closed_at, anonymised_at);
