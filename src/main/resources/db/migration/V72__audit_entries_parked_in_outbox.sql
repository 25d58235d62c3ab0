-- The audit trail no longer stages entries in audit_entries (seq NULL) with an INSERT of their own in the transaction
-- they record: they are parked in the transaction's outbox (EVENT_PUBLICATION, stored complete, listener
-- 'io.omnicase.audit') by the INSERT that writes its event publications, and the sealer inserts them into the chain
-- (issue 17: the extra statement cost intake about 3 %). Entries still staged by the earlier version are parked here
-- the same way, ahead of everything parked later (their ids sort first), and sealed by the next sealing.
INSERT INTO EVENT_PUBLICATION (ID, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, SERIALIZED_EVENT, COMPLETION_DATE)
SELECT CONCAT('000000000000', LPAD(HEX(id), 24, '0')), 'parked', 'io.omnicase.audit', recorded_at,
       JSON_OBJECT('kind', kind, 'caseId', case_id, 'customerId', customer_id, 'actor', actor,
                   'occurredAt', CAST(UNIX_TIMESTAMP(occurred_at) * 1000000 AS SIGNED),
                   'content', content, 'digest', content_digest,
                   'pseudonymisedAt', IF(pseudonymised_at IS NULL, NULL,
                                         CAST(UNIX_TIMESTAMP(pseudonymised_at) * 1000000 AS SIGNED))),
       recorded_at
FROM audit_entries WHERE seq IS NULL;

DELETE FROM audit_entries WHERE seq IS NULL;
