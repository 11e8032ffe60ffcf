-- User administration (WB-11): who added, changed, disabled, enabled, reset, deleted or unlocked which workbench user,
-- when, what changed (e.g. "role USER -> ADMIN") and whether it was done or refused (reason: the refusal's message key,
-- shown in the reader's language). Never a password.
-- Times are epoch milliseconds, free of server time zones.
CREATE TABLE user_audit (
    id       BIGINT AUTO_INCREMENT PRIMARY KEY,
    at_ms    BIGINT        NOT NULL,
    actor    VARCHAR(64)   NOT NULL,
    username VARCHAR(64)   NOT NULL,
    action   VARCHAR(16)   NOT NULL,
    outcome  VARCHAR(16)   NOT NULL,
    details  VARCHAR(1000) NOT NULL,
    reason   VARCHAR(64)   NULL,
    INDEX ix_user_audit_at (at_ms),
    INDEX ix_user_audit_user (username, at_ms)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
