-- What a channel could tell of a customer message's sender (mail: the receiving server's SPF/DKIM/DMARC results):
-- NULL for messages of channels that check nothing, NOT_CHECKED, VERIFIED or NOT_VERIFIED; the detail says why a
-- sender is not verified. Routing gives no automatic answer to a message whose sender is NOT_VERIFIED.
ALTER TABLE interactions
    ADD COLUMN sender_check        VARCHAR(16)  NULL,
    ADD COLUMN sender_check_detail VARCHAR(300)  NULL;
