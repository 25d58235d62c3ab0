-- channels answers the providers' status callbacks from its own table: the recipient (for Messenger's read
-- watermark) is kept with the claim, and the provider id and recipient are indexed for the lookups.
ALTER TABLE outbound_deliveries ADD COLUMN recipient VARCHAR(255) NULL AFTER channel;

-- Claims made before this migration: the recipient was only on the timeline entry.
UPDATE outbound_deliveries d JOIN interactions i ON i.id = d.interaction_id
   SET d.recipient = JSON_VALUE(i.detail, '$.to')
 WHERE d.recipient IS NULL;

-- Replies sent before outbound_deliveries existed (V10) have a provider id only on the timeline entry.
INSERT INTO outbound_deliveries (interaction_id, channel, recipient, state, provider_message_id, claimed_at, updated_at)
SELECT i.id, i.channel, JSON_VALUE(i.detail, '$.to'), 'SENT', i.provider_message_id, i.occurred_at, i.occurred_at
  FROM interactions i
 WHERE i.kind = 'OUTBOUND' AND i.provider_message_id IS NOT NULL AND i.channel IS NOT NULL
   AND NOT EXISTS (SELECT 1 FROM outbound_deliveries d WHERE d.interaction_id = i.id);

CREATE INDEX ix_outbound_deliveries_provider_id ON outbound_deliveries (channel, provider_message_id);
CREATE INDEX ix_outbound_deliveries_recipient ON outbound_deliveries (channel, recipient, claimed_at);
