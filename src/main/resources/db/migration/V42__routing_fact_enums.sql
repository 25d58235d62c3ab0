-- Routing's facts use routing's own enums (io.omnicase.routing.facts) instead of other modules' classes. Stored rule
-- sets name the old classes; point them at the new ones (same constants), so every stored version still compiles and
-- decides as before, and refresh each checksum (what RuleSet.checksumOf computes: sha256 of the text, 12 hex digits).
UPDATE rule_set_versions
SET drl = REPLACE(REPLACE(REPLACE(REPLACE(REPLACE(drl,
        'io.omnicase.customers.Customer.Tier', 'io.omnicase.routing.facts.Tier'),
        'io.omnicase.customers.Channel', 'io.omnicase.routing.facts.Channel'),
        'io.omnicase.cases.CaseStatus', 'io.omnicase.routing.facts.CaseStatus'),
        'io.omnicase.sentiment.SentimentLabel', 'io.omnicase.routing.facts.SentimentLabel'),
        'io.omnicase.sentiment.SentimentTrend', 'io.omnicase.routing.facts.SentimentTrend');
UPDATE rule_set_versions
SET checksum = CONCAT('sha256:', LEFT(SHA2(drl, 256), 12));
