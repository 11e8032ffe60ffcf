-- What a finished job used, next to what it was given, for its efficiency: the CPU time of all its steps (sacct's
-- TotalCPU, user + system, milliseconds) and the largest resident memory of any step (sacct's MaxRSS, bytes). NULL
-- where slurmdbd recorded no step (never ran, or job accounting gathering is off) and for rows synced before.
-- Appended nullable columns: MariaDB adds them instantly, without rebuilding a table of millions of rows.
ALTER TABLE acct_job
    ADD COLUMN cpu_used_ms   BIGINT NULL,
    ADD COLUMN max_rss_bytes BIGINT NULL;
