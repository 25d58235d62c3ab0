-- Who taught an example and when was already kept (created_by, created_at, since V30), but never shown, and nobody
-- could review one. An example an agent taught (origin 'agent') stays unreviewed until a supervisor marks it
-- reviewed (origin 'agent-reviewed', reviewed_by, reviewed_at). Rows whose teacher was not recorded keep NULL in
-- created_by, which the API and the desk show as an unknown author.
ALTER TABLE assistant_examples
    ADD COLUMN reviewed_by VARCHAR(320) NULL,
    ADD COLUMN reviewed_at TIMESTAMP(6) NULL,
    ADD INDEX ix_examples_created_by (created_by),
    ADD INDEX ix_examples_topic (topic);
