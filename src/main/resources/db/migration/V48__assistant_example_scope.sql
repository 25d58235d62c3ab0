-- An example learned from a resolved case remembers the case and its queue: the assistant answers from it only to
-- askers who may see that case (a reader of the case, or a conversation in the same queue).
ALTER TABLE assistant_examples
    ADD COLUMN case_id BIGINT NULL,
    ADD COLUMN queue   VARCHAR(80) NULL;

-- Examples learned before this version carry their case in the source key (case:<id>:<millis>).
UPDATE assistant_examples
SET case_id = CAST(SUBSTRING_INDEX(SUBSTRING_INDEX(source_key, ':', 2), ':', -1) AS UNSIGNED)
WHERE origin = 'resolved-case' AND source_key LIKE 'case:%';

UPDATE assistant_examples e JOIN cases c ON c.id = e.case_id
SET e.queue = LOWER(COALESCE(c.queue, 'general'))
WHERE e.case_id IS NOT NULL;
