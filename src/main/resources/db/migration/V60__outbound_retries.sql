-- A reply the provider could not take for now is tried again later, a bounded number of times, with growing pauses:
-- the claim row keeps how often it was tried and when the next try is due (state RETRY), instead of being deleted.
ALTER TABLE outbound_deliveries ADD COLUMN attempts INT NOT NULL DEFAULT 1;
ALTER TABLE outbound_deliveries ADD COLUMN next_attempt_at TIMESTAMP(6) NULL;
