-- CPU efficiency in the rollups, additive like their other measures. A job is "measured" when its steps' CPU time is
-- known (acct_job.cpu_used_ms not NULL) and it was given CPU time (cpu_seconds > 0); measured_cpu_seconds is the CPU
-- time given to measured jobs (elapsed x CPUs), cpu_used_ms what they used, low_cpu_jobs those that used under 25 %
-- of it. Efficiency = cpu_used_ms / (1000 x measured_cpu_seconds); wasted = given - used. Rows of jobs synced
-- before V91 count as not measured until a sync writes them again. NOT NULL DEFAULT 0 columns are added instantly.
ALTER TABLE acct_daily
    ADD COLUMN measured_jobs        BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN measured_cpu_seconds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cpu_used_ms          BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN low_cpu_jobs         BIGINT NOT NULL DEFAULT 0;
ALTER TABLE acct_monthly
    ADD COLUMN measured_jobs        BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN measured_cpu_seconds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cpu_used_ms          BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN low_cpu_jobs         BIGINT NOT NULL DEFAULT 0;
ALTER TABLE acct_yearly
    ADD COLUMN measured_jobs        BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN measured_cpu_seconds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cpu_used_ms          BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN low_cpu_jobs         BIGINT NOT NULL DEFAULT 0;

-- Rows V91 already filled (a database that ran V91 alone) are counted once here, so the rollups stay equal to a
-- GROUP BY of acct_job; where V91 and V92 come together nothing matches and this is one scan of acct_job.
UPDATE acct_daily d JOIN (
    SELECT cluster, DATE(end_time) AS day, user_name, account, partition_name, qos, state,
           SUM(cpu_seconds > 0) AS mj, SUM(IF(cpu_seconds > 0, cpu_seconds, 0)) AS mc,
           SUM(IF(cpu_seconds > 0, cpu_used_ms, 0)) AS u, SUM(cpu_seconds > 0 AND cpu_used_ms < 250 * cpu_seconds) AS l
    FROM acct_job WHERE cpu_used_ms IS NOT NULL AND end_time IS NOT NULL
    GROUP BY cluster, DATE(end_time), user_name, account, partition_name, qos, state) j
  ON d.cluster = j.cluster AND d.day = j.day AND d.user_name = j.user_name AND d.account = j.account
     AND d.partition_name = j.partition_name AND d.qos = j.qos AND d.state = j.state
SET d.measured_jobs = j.mj, d.measured_cpu_seconds = j.mc, d.cpu_used_ms = j.u, d.low_cpu_jobs = j.l;

UPDATE acct_monthly m JOIN (
    SELECT cluster, CAST(DATE_FORMAT(day, '%Y-%m-01') AS DATE) AS month, user_name, account, partition_name, qos, state,
           SUM(measured_jobs) AS mj, SUM(measured_cpu_seconds) AS mc, SUM(cpu_used_ms) AS u, SUM(low_cpu_jobs) AS l
    FROM acct_daily WHERE measured_jobs <> 0
    GROUP BY cluster, month, user_name, account, partition_name, qos, state) j
  ON m.cluster = j.cluster AND m.month = j.month AND m.user_name = j.user_name AND m.account = j.account
     AND m.partition_name = j.partition_name AND m.qos = j.qos AND m.state = j.state
SET m.measured_jobs = j.mj, m.measured_cpu_seconds = j.mc, m.cpu_used_ms = j.u, m.low_cpu_jobs = j.l;

UPDATE acct_yearly y JOIN (
    SELECT cluster, MAKEDATE(YEAR(day), 1) AS year, user_name, account, partition_name, qos, state,
           SUM(measured_jobs) AS mj, SUM(measured_cpu_seconds) AS mc, SUM(cpu_used_ms) AS u, SUM(low_cpu_jobs) AS l
    FROM acct_daily WHERE measured_jobs <> 0
    GROUP BY cluster, year, user_name, account, partition_name, qos, state) j
  ON y.cluster = j.cluster AND y.year = j.year AND y.user_name = j.user_name AND y.account = j.account
     AND y.partition_name = j.partition_name AND y.qos = j.qos AND y.state = j.state
SET y.measured_jobs = j.mj, y.measured_cpu_seconds = j.mc, y.cpu_used_ms = j.u, y.low_cpu_jobs = j.l;
