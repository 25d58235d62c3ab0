-- Identifiers are compared byte for byte (probe of 4 December). The server's collation (utf8mb4_unicode_ci) is
-- case-, accent- and width-insensitive and ignores trailing spaces, so a stranger writing from
-- anna.schmidt@exämple.com (an IDN domain anyone may register) was taken for the customer anna.schmidt@example.com,
-- saw nothing but got the agent's reply, and a provider's message id differing from another only by case or an
-- accent (WhatsApp's ids are base64) was acknowledged as a duplicate and lost. Addresses are normalised by
-- IdentityKind before they are stored (lower case, NFC, the domain in ASCII); a provider's ids are opaque.
ALTER TABLE customer_identities
    MODIFY address VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
ALTER TABLE case_threads
    MODIFY thread_ref VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
ALTER TABLE interactions
    MODIFY provider_message_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
    MODIFY thread_ref VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL;
ALTER TABLE outbound_deliveries
    MODIFY provider_message_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL,
    MODIFY recipient VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NULL;
ALTER TABLE machine_mail
    MODIFY message_id VARCHAR(255) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
