-- Questions the rollups cannot answer (p95 wait, partial days, job names) group the jobs of a time range. With only
-- (end_time, cluster) in the index, each of those jobs cost a lookup of its whole row by primary key: at 10M jobs,
-- 30 days were ~200,000 random row reads. The index now holds every column those questions filter, group and sum,
-- so they read the range of this index alone (job names are not in it: a name filter still reads the rows).
ALTER TABLE acct_job DROP KEY ix_acct_job_end,
    ADD KEY ix_acct_job_end (end_time, cluster, user_name, account, partition_name, qos, state,
                             wait_seconds, cpu_seconds, gpu_seconds, elapsed_seconds);
