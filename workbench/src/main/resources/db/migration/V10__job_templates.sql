-- Job templates that users save from the job form (submit module). A template belongs to the workbench user
-- who saved it; when shared, every user with an association to its account sees it too.
CREATE TABLE job_templates (
    id         BIGINT AUTO_INCREMENT PRIMARY KEY,
    owner      VARCHAR(64)  NOT NULL,
    name       VARCHAR(100) NOT NULL,
    account    VARCHAR(64)  NULL,
    shared     BOOLEAN      NOT NULL DEFAULT FALSE,
    form       MEDIUMTEXT   NOT NULL,
    created_at TIMESTAMP    NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_job_templates_owner_name UNIQUE (owner, name),
    INDEX ix_job_templates_account (account, shared)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
