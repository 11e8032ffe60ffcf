-- Heterogeneous jobs: slurmdbd keeps each component as a record with its own job id (so each stays a row of its own,
-- keyed as before); het_job_id is the het job's id (its leader's, offset 0) and het_job_offset the component's place,
-- as sacct shows <het_job_id>+<het_job_offset>. Both NULL for a job that is not heterogeneous.
ALTER TABLE acct_job
    ADD COLUMN het_job_id     BIGINT NULL,
    ADD COLUMN het_job_offset INT    NULL,
    ADD KEY ix_acct_job_het (cluster, het_job_id);
