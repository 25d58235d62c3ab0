-- Addresses whose mail bounces (a DSN or an MTA's failure notice named them): replies to them are not sent.
CREATE TABLE email_bounces (
    address     VARCHAR(320) NOT NULL PRIMARY KEY,
    status      VARCHAR(20),
    diagnostic  VARCHAR(500),
    bounce_count INT         NOT NULL DEFAULT 1,
    last_bounced_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;
