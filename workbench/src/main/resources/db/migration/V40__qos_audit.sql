-- QOS edits (WB-6): who changed which QOS of which cluster, when, the limits before and after (JSON of the
-- workbench's QosLimits), the fields changed and the outcome (APPLIED, REFUSED by Slurm, FAILED read-back, DENIED
-- to a non-admin) with Slurm's message. Times are epoch milliseconds, free of server time zones.
CREATE TABLE qos_audit (
    id          BIGINT AUTO_INCREMENT PRIMARY KEY,
    at_ms       BIGINT        NOT NULL,
    username    VARCHAR(64)   NOT NULL,
    slurm_user  VARCHAR(64)   NOT NULL,
    cluster     VARCHAR(64)   NOT NULL,
    qos         VARCHAR(64)   NOT NULL,
    action      VARCHAR(16)   NOT NULL,
    outcome     VARCHAR(16)   NOT NULL,
    before_json TEXT          NULL,
    after_json  TEXT          NULL,
    changes     TEXT          NOT NULL,
    message     VARCHAR(1000) NULL,
    INDEX ix_qos_audit_at (at_ms),
    INDEX ix_qos_audit_qos (cluster, qos, at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
