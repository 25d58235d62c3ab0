-- A routing decision is recorded once, on the case's timeline (interactions, kind DECISION). Routing keeps only what a
-- dry run replays: the facts each decision read. The decision and its rule-set version are no longer copied here.
ALTER TABLE routing_decisions
    DROP COLUMN decision,
    DROP COLUMN rule_set_version;
RENAME TABLE routing_decisions TO routing_facts;
