-- Supervisors edit routing rules as a table (a guided rule set, JSON); the server generates the DRL kept next to it.
-- Versions written as raw DRL by an administrator have no table (rules_json NULL).
ALTER TABLE rule_set_versions
    ADD COLUMN rules_json MEDIUMTEXT NULL AFTER drl;
