-- Quality scoring (issue 16): the rules are data a supervisor edits, kept as versions (who, why, when); the newest
-- version scores new resolutions. Version 1 is the shipped set.
CREATE TABLE quality_rule_sets (
    version    INT          NOT NULL PRIMARY KEY,
    rules      LONGTEXT     NOT NULL,
    author     VARCHAR(100) NOT NULL,
    reason     VARCHAR(500) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;

INSERT INTO quality_rule_sets (version, rules, author, reason, created_at) VALUES (1, '{
  "weights": {"firstResponse": 25, "ownership": 20, "empathy": 20, "confirmation": 20, "sentiment": 15},
  "ownershipPhrases": ["I will", "I''ll", "I''ll make sure", "I will make sure", "I''ll take care of", "I will take care of",
    "I''ll follow up", "I will follow up", "I''ll keep you posted", "leave it with me", "I have taken care of",
    "I''ve taken care of", "I''ll personally", "I will personally"],
  "empathyPhrases": ["I understand", "I''m sorry", "I am sorry", "sorry to hear", "I apologise", "I apologize",
    "I can imagine", "that must be", "frustrating", "thank you for your patience", "I appreciate"],
  "confirmationPhrases": ["thank you", "thanks", "that worked", "it works", "works now", "working now", "solved",
    "resolved", "fixed", "perfect", "all good", "that helps", "that helped", "great"],
  "lateFactor": 2.0,
  "phrasesForFullMarks": 2,
  "sentimentSwingForFullMarks": 0.5
}', 'system', 'The rules Omnicase ships with', CURRENT_TIMESTAMP(6));

-- One score per resolution of a case (a case reopened and resolved again is scored again); components are 0..1, NULL
-- when they did not apply; the breakdown (phrases found, what was measured) as JSON. Old scores keep the rules version
-- they were computed with: changing the rules does not rescore them.
CREATE TABLE quality_scores (
    id             BIGINT AUTO_INCREMENT PRIMARY KEY,
    case_id        BIGINT        NOT NULL,
    resolved_at    TIMESTAMP(6)  NOT NULL,
    agent          VARCHAR(100),
    topic          VARCHAR(80),
    queue          VARCHAR(80),
    channel        VARCHAR(20),
    rules_version  INT           NOT NULL,
    total          DECIMAL(4, 1) NOT NULL,
    first_response DECIMAL(4, 3),
    ownership      DECIMAL(4, 3),
    empathy        DECIMAL(4, 3),
    confirmation   DECIMAL(4, 3),
    sentiment      DECIMAL(4, 3),
    breakdown      LONGTEXT      NOT NULL,
    scored_at      TIMESTAMP(6)  NOT NULL,
    UNIQUE KEY uq_quality_resolution (case_id, resolved_at),
    INDEX ix_quality_resolved (resolved_at),
    INDEX ix_quality_agent (agent, resolved_at)
) ENGINE = InnoDB;
