-- Accounting (Cosmos): jobs synced from slurmdbd, a daily rollup maintained by the sync, and a sync cursor
-- per cluster. Times are UTC DATETIMEs, so day/week/month buckets never depend on a session time zone.
CREATE TABLE acct_job (
    cluster          VARCHAR(64)  NOT NULL,
    job_id           BIGINT       NOT NULL,
    array_job_id     BIGINT       NULL,
    array_task_id    INT          NULL,
    user_name        VARCHAR(64)  NOT NULL,
    account          VARCHAR(64)  NOT NULL,
    partition_name   VARCHAR(64)  NOT NULL,
    qos              VARCHAR(64)  NOT NULL,
    state            VARCHAR(32)  NOT NULL,
    exit_code        INT          NULL,
    submit_time      DATETIME     NULL,
    eligible_time    DATETIME     NULL,
    start_time       DATETIME     NULL,
    end_time         DATETIME     NULL,
    cpus             INT          NOT NULL,
    nodes            INT          NOT NULL,
    gpus             INT          NOT NULL,
    memory_mb        BIGINT       NOT NULL,
    time_limit_min   INT          NULL,
    elapsed_seconds  BIGINT       NOT NULL,
    cpu_seconds      BIGINT       NOT NULL,
    gpu_seconds      BIGINT       NOT NULL,
    wait_seconds     BIGINT       NULL,
    job_name         VARCHAR(255) NOT NULL,
    synced_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3),
    -- One row per Slurm job record: array tasks have their own job ids, so a re-sync updates, never duplicates.
    PRIMARY KEY (cluster, job_id),
    -- Usage is counted by end time; the rollup recompute and job-table queries range over it.
    KEY ix_acct_job_end (cluster, end_time),
    KEY ix_acct_job_user_end (user_name, end_time),
    KEY ix_acct_job_account_end (account, end_time),
    KEY ix_acct_job_submit (cluster, submit_time),
    KEY ix_acct_job_array (cluster, array_job_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Finished jobs per UTC end day x user x account x partition x QOS x state: what grouped questions read.
CREATE TABLE acct_daily (
    cluster          VARCHAR(64)  NOT NULL,
    day              DATE         NOT NULL,
    user_name        VARCHAR(64)  NOT NULL,
    account          VARCHAR(64)  NOT NULL,
    partition_name   VARCHAR(64)  NOT NULL,
    qos              VARCHAR(64)  NOT NULL,
    state            VARCHAR(32)  NOT NULL,
    jobs             BIGINT       NOT NULL,
    cpu_seconds      BIGINT       NOT NULL,
    gpu_seconds      BIGINT       NOT NULL,
    wait_seconds     BIGINT       NOT NULL,
    started_jobs     BIGINT       NOT NULL,
    elapsed_seconds  BIGINT       NOT NULL,
    PRIMARY KEY (cluster, day, user_name, account, partition_name, qos, state),
    KEY ix_acct_daily_day (day),
    KEY ix_acct_daily_user (user_name, day)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Where each cluster's sync stands, so a restart resumes instead of starting over.
CREATE TABLE acct_sync_cursor (
    cluster           VARCHAR(64)  NOT NULL PRIMARY KEY,
    synced_until      DATETIME     NULL,
    backfill_from     DATETIME     NULL,
    backfill_to       DATETIME     NULL,
    backfill_done     DATETIME     NULL,
    last_jobs         INT          NOT NULL DEFAULT 0,
    last_error        VARCHAR(500) NULL,
    updated_at        TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
