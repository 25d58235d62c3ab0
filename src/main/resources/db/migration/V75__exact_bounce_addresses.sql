-- Bounce marks are a customer's address, compared byte for byte as the identities are (V74).
ALTER TABLE email_bounces
    MODIFY address VARCHAR(320) CHARACTER SET utf8mb4 COLLATE utf8mb4_nopad_bin NOT NULL;
