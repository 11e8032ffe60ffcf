-- The batch script of every job submitted through the workbench (submit module), so its owner and admins can read
-- it back: slurmrestd does not serve a job's script. Keyed by the id Slurm answered (an array's own id).
CREATE TABLE job_scripts (
    cluster      VARCHAR(64)  NOT NULL,
    job_id       BIGINT       NOT NULL,
    slurm_user   VARCHAR(64)  NOT NULL,
    script       MEDIUMTEXT   NOT NULL,
    submitted_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    PRIMARY KEY (cluster, job_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
