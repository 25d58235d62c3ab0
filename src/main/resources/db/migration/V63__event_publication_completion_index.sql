-- Spring Modulith completes a delivery with DELETE FROM EVENT_PUBLICATION WHERE LISTENER_ID = ? AND SERIALIZED_EVENT = ?
-- (completion-mode delete): with no index on either column each completion read the whole table, so a backlog made
-- every completion slower and the backlog longer (issue 18: it did not drain). The serialized event starts with its
-- ids, so its first 255 characters and the listener find the row at once.
CREATE INDEX EVENT_PUBLICATION_BY_EVENT_IDX ON EVENT_PUBLICATION (SERIALIZED_EVENT(255), LISTENER_ID(191));
