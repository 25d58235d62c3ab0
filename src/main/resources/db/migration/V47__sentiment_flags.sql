-- How a message's sentiment was read: uncertain (not English: no English lexicon, a weak guess), fallback (the model
-- failed and the lexicon alone scored it), and the detected language. Messages scored before keep the defaults.
ALTER TABLE interactions
    ADD COLUMN sentiment_uncertain BOOLEAN    NOT NULL DEFAULT FALSE,
    ADD COLUMN sentiment_fallback  BOOLEAN    NOT NULL DEFAULT FALSE,
    ADD COLUMN sentiment_language  VARCHAR(8) NULL;
