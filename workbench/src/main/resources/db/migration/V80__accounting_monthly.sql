-- The monthly rollup: the daily one summed per UTC month. Questions over whole months (a year by user, three years
-- by account) read ~5-30x fewer rows here; the days around whole months still come from acct_daily.
-- Both rollups are keyed by period first: every question has a time range and most have no cluster, so the range is
-- one clustered scan instead of a secondary-index range with a primary-key lookup per row (the bench measured that
-- lookup as most of a question's time).
ALTER TABLE acct_daily DROP PRIMARY KEY, ADD PRIMARY KEY (day, cluster, user_name, account, partition_name, qos, state),
    DROP KEY ix_acct_daily_day;

CREATE TABLE acct_monthly (
    cluster          VARCHAR(64)  NOT NULL,
    month            DATE         NOT NULL,
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
    PRIMARY KEY (month, cluster, user_name, account, partition_name, qos, state),
    KEY ix_acct_monthly_user (user_name, month),
    KEY ix_acct_monthly_account (account, month)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO acct_monthly (cluster, month, user_name, account, partition_name, qos, state, jobs, cpu_seconds,
  gpu_seconds, wait_seconds, started_jobs, elapsed_seconds)
SELECT cluster, CAST(DATE_FORMAT(day, '%Y-%m-01') AS DATE), user_name, account, partition_name, qos, state, SUM(jobs),
  SUM(cpu_seconds), SUM(gpu_seconds), SUM(wait_seconds), SUM(started_jobs), SUM(elapsed_seconds)
FROM acct_daily
GROUP BY cluster, CAST(DATE_FORMAT(day, '%Y-%m-01') AS DATE), user_name, account, partition_name, qos, state;
