-- How many times a publication has been claimed for redelivery: after omnicase.events.redeliver-flat-attempts
-- deliveries that all failed (a process in an incident, a listener that keeps failing), a claim lasts twice as long
-- each time, up to omnicase.events.redeliver-max-wait, so work that cannot succeed is not retried every period for ever.
ALTER TABLE event_redelivery_claims ADD COLUMN attempts INT NOT NULL DEFAULT 1;
