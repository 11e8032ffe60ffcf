-- Glidein pilot requests (glidein module): N pilots for an HTCondor pool, sent to Slurm as one job array of the
-- requesting user's Slurm user. The request is stored as JSON without its pasted pool token (never kept here);
-- array_job_id is null only between the insert and Slurm's answer (a failed submission deletes the row).
CREATE TABLE glidein_requests (
    id           BIGINT AUTO_INCREMENT PRIMARY KEY,
    cluster      VARCHAR(64)  NOT NULL,
    owner        VARCHAR(64)  NOT NULL,
    slurm_user   VARCHAR(64)  NOT NULL,
    pool         VARCHAR(64)  NOT NULL,
    collector    VARCHAR(260) NOT NULL,
    pilots       INT          NOT NULL,
    credential   VARCHAR(20)  NOT NULL,
    request      MEDIUMTEXT   NOT NULL,
    array_job_id BIGINT       NULL,
    created_at   TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    cancelled_at TIMESTAMP(3) NULL,
    INDEX ix_glidein_requests_owner (cluster, owner),
    INDEX ix_glidein_requests_array (cluster, array_job_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_unicode_ci;
