-- Questions and job searches usually name no cluster, and an index led by cluster cannot serve their time range:
-- at 10M jobs that was a full table scan. End time first serves both (the cluster, when given, is read from the index).
-- "end_time IS NULL OR end_time >= ?" (jobs still active) is two ranges of this index.
ALTER TABLE acct_job DROP KEY ix_acct_job_end, ADD KEY ix_acct_job_end (end_time, cluster);
