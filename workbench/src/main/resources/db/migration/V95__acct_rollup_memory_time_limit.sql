-- Memory and time-limit use in the rollups, additive like their other measures, so whole-day questions stay on them.
-- A job counts for memory ("mem_jobs") when a step's MaxRSS was sampled (acct_job.max_rss_bytes not NULL) and it asked
-- for at least 1 MiB per node (memory_mb >= nodes > 0). Per such job, in integers (MiB = 1,048,576 bytes):
--   mem_requested_mb_seconds += memory_mb x elapsed_seconds          (the whole job's request held for its run)
--   mem_peak_mb_seconds      += (max_rss_bytes DIV 1 MiB) x nodes x elapsed_seconds (the peak per node held as long)
--   mem_requested_mb         += memory_mb DIV nodes                   (the request per node)
--   mem_peak_mb              += max_rss_bytes DIV 1 MiB               (the largest MaxRSS of any step)
--   mem_efficiency_ppm       += (max_rss_bytes DIV 1024) x 1,000,000 DIV ((memory_mb DIV nodes) x 1024)
-- A job counts for the time limit ("limit_jobs") when it has one (time_limit_min > 0) and ran (elapsed_seconds > 0):
--   limit_use_ppm            += elapsed_seconds x 1,000,000 DIV (time_limit_min x 60)
--   low_limit_jobs           += 1 when elapsed_seconds x 4 < time_limit_min x 60 (under 25 % of its limit)
-- RollupDeltas computes the same in Java. NOT NULL DEFAULT 0 columns are added instantly.
ALTER TABLE acct_daily
    ADD COLUMN mem_jobs                 BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_requested_mb_seconds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_peak_mb_seconds      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_requested_mb         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_peak_mb              BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_efficiency_ppm       BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN limit_jobs               BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN limit_use_ppm            BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN low_limit_jobs           BIGINT NOT NULL DEFAULT 0;
ALTER TABLE acct_monthly
    ADD COLUMN mem_jobs                 BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_requested_mb_seconds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_peak_mb_seconds      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_requested_mb         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_peak_mb              BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_efficiency_ppm       BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN limit_jobs               BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN limit_use_ppm            BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN low_limit_jobs           BIGINT NOT NULL DEFAULT 0;
ALTER TABLE acct_yearly
    ADD COLUMN mem_jobs                 BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_requested_mb_seconds BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_peak_mb_seconds      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_requested_mb         BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_peak_mb              BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN mem_efficiency_ppm       BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN limit_jobs               BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN limit_use_ppm            BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN low_limit_jobs           BIGINT NOT NULL DEFAULT 0;

-- The jobs already synced are counted once here, so the rollups stay equal to a GROUP BY of acct_job.
UPDATE acct_daily d JOIN (
    SELECT cluster, DATE(end_time) AS day, user_name, account, partition_name, qos, state,
           SUM(m) AS mj, SUM(IF(m, memory_mb * elapsed_seconds, 0)) AS mrs,
           SUM(IF(m, (max_rss_bytes DIV 1048576) * nodes * elapsed_seconds, 0)) AS mps,
           SUM(IF(m, memory_mb DIV nodes, 0)) AS mr, SUM(IF(m, max_rss_bytes DIV 1048576, 0)) AS mp,
           SUM(IF(m, (max_rss_bytes DIV 1024) * 1000000 DIV ((memory_mb DIV nodes) * 1024), 0)) AS me,
           SUM(t) AS lj, SUM(IF(t, elapsed_seconds * 1000000 DIV (time_limit_min * 60), 0)) AS lu,
           SUM(t AND elapsed_seconds * 4 < time_limit_min * 60) AS ll
    FROM (SELECT *, COALESCE(max_rss_bytes IS NOT NULL AND nodes > 0 AND memory_mb >= nodes, 0) AS m,
                 COALESCE(time_limit_min > 0 AND elapsed_seconds > 0, 0) AS t
          FROM acct_job WHERE end_time IS NOT NULL) j0
    WHERE m OR t
    GROUP BY cluster, DATE(end_time), user_name, account, partition_name, qos, state) j
  ON d.cluster = j.cluster AND d.day = j.day AND d.user_name = j.user_name AND d.account = j.account
     AND d.partition_name = j.partition_name AND d.qos = j.qos AND d.state = j.state
SET d.mem_jobs = j.mj, d.mem_requested_mb_seconds = j.mrs, d.mem_peak_mb_seconds = j.mps, d.mem_requested_mb = j.mr,
    d.mem_peak_mb = j.mp, d.mem_efficiency_ppm = j.me, d.limit_jobs = j.lj, d.limit_use_ppm = j.lu,
    d.low_limit_jobs = j.ll;

UPDATE acct_monthly r JOIN (
    SELECT cluster, CAST(DATE_FORMAT(day, '%Y-%m-01') AS DATE) AS month, user_name, account, partition_name, qos, state,
           SUM(mem_jobs) AS mj, SUM(mem_requested_mb_seconds) AS mrs, SUM(mem_peak_mb_seconds) AS mps,
           SUM(mem_requested_mb) AS mr, SUM(mem_peak_mb) AS mp, SUM(mem_efficiency_ppm) AS me,
           SUM(limit_jobs) AS lj, SUM(limit_use_ppm) AS lu, SUM(low_limit_jobs) AS ll
    FROM acct_daily WHERE mem_jobs <> 0 OR limit_jobs <> 0
    GROUP BY cluster, month, user_name, account, partition_name, qos, state) j
  ON r.cluster = j.cluster AND r.month = j.month AND r.user_name = j.user_name AND r.account = j.account
     AND r.partition_name = j.partition_name AND r.qos = j.qos AND r.state = j.state
SET r.mem_jobs = j.mj, r.mem_requested_mb_seconds = j.mrs, r.mem_peak_mb_seconds = j.mps, r.mem_requested_mb = j.mr,
    r.mem_peak_mb = j.mp, r.mem_efficiency_ppm = j.me, r.limit_jobs = j.lj, r.limit_use_ppm = j.lu,
    r.low_limit_jobs = j.ll;

UPDATE acct_yearly r JOIN (
    SELECT cluster, MAKEDATE(YEAR(day), 1) AS year, user_name, account, partition_name, qos, state,
           SUM(mem_jobs) AS mj, SUM(mem_requested_mb_seconds) AS mrs, SUM(mem_peak_mb_seconds) AS mps,
           SUM(mem_requested_mb) AS mr, SUM(mem_peak_mb) AS mp, SUM(mem_efficiency_ppm) AS me,
           SUM(limit_jobs) AS lj, SUM(limit_use_ppm) AS lu, SUM(low_limit_jobs) AS ll
    FROM acct_daily WHERE mem_jobs <> 0 OR limit_jobs <> 0
    GROUP BY cluster, year, user_name, account, partition_name, qos, state) j
  ON r.cluster = j.cluster AND r.year = j.year AND r.user_name = j.user_name AND r.account = j.account
     AND r.partition_name = j.partition_name AND r.qos = j.qos AND r.state = j.state
SET r.mem_jobs = j.mj, r.mem_requested_mb_seconds = j.mrs, r.mem_peak_mb_seconds = j.mps, r.mem_requested_mb = j.mr,
    r.mem_peak_mb = j.mp, r.mem_efficiency_ppm = j.me, r.limit_jobs = j.lj, r.limit_use_ppm = j.lu,
    r.low_limit_jobs = j.ll;
