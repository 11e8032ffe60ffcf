-- The yearly rollup: questions over years (CPU-hours by user over three years) read whole years here, the months and
-- days around them from the monthly and daily rollups. At 10M jobs the monthly rollup alone held 153,000 rows for
-- three years, too many to group in the 300 ms a question may take.
CREATE TABLE acct_yearly (
    cluster          VARCHAR(64)  NOT NULL,
    year             DATE         NOT NULL,
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
    PRIMARY KEY (year, cluster, user_name, account, partition_name, qos, state),
    KEY ix_acct_yearly_user (user_name, year),
    KEY ix_acct_yearly_account (account, year)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO acct_yearly (cluster, year, user_name, account, partition_name, qos, state, jobs, cpu_seconds,
  gpu_seconds, wait_seconds, started_jobs, elapsed_seconds)
SELECT cluster, MAKEDATE(YEAR(month), 1), user_name, account, partition_name, qos, state, SUM(jobs),
  SUM(cpu_seconds), SUM(gpu_seconds), SUM(wait_seconds), SUM(started_jobs), SUM(elapsed_seconds)
FROM acct_monthly
GROUP BY cluster, MAKEDATE(YEAR(month), 1), user_name, account, partition_name, qos, state;
