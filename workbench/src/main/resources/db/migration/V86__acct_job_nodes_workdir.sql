-- A finished job's page reads the copy once slurmctld has forgotten the job: it shows where the job ran and from which
-- directory, as sacct's NodeList and WorkDir do. Appended nullable columns: MariaDB adds them instantly, without a
-- rebuild of a table of millions of rows; rows synced before stay NULL until a sync or backfill writes them again.
ALTER TABLE acct_job
    ADD COLUMN node_list VARCHAR(1024) NULL,
    ADD COLUMN work_dir  VARCHAR(1024) NULL;
