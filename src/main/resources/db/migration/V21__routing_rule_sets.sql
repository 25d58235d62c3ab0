-- Routing rule sets: every version a supervisor saved (only validated ones are ever stored), who and why.
CREATE TABLE rule_set_versions (
    version    INT          NOT NULL PRIMARY KEY,
    drl        MEDIUMTEXT   NOT NULL,
    checksum   VARCHAR(80)  NOT NULL,
    author     VARCHAR(100) NOT NULL,
    reason     VARCHAR(500) NOT NULL,
    created_at TIMESTAMP(6) NOT NULL
) ENGINE = InnoDB;

-- Which version is active: the latest activation. A rollback is an activation of an earlier version.
CREATE TABLE rule_set_activations (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    version      INT          NOT NULL,
    activated_by VARCHAR(100) NOT NULL,
    reason       VARCHAR(500) NOT NULL,
    activated_at TIMESTAMP(6) NOT NULL,
    CONSTRAINT fk_activation_version FOREIGN KEY (version) REFERENCES rule_set_versions (version)
) ENGINE = InnoDB;

-- Every routing decision with the facts it read, so a candidate rule set can be replayed on past cases (dry run).
CREATE TABLE routing_decisions (
    id               BIGINT AUTO_INCREMENT PRIMARY KEY,
    case_id          BIGINT       NOT NULL,
    facts            TEXT         NOT NULL,
    decision         TEXT         NOT NULL,
    rule_set_version VARCHAR(80)  NOT NULL,
    decided_at       TIMESTAMP(6) NOT NULL,
    INDEX ix_routing_decisions_case (case_id, id)
) ENGINE = InnoDB;
