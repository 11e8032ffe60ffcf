-- Workloads (Jasmine): a run and every submission of its plan, written before anything is queued. MariaDB is the
-- source of truth for a run; the Redis stream only carries work to the submitters and may be lost at any time.
-- Times are UTC DATETIME(3).
CREATE TABLE wl_run (
    id              VARCHAR(16)  NOT NULL,
    cluster         VARCHAR(64)  NOT NULL,
    source          VARCHAR(255) NOT NULL,
    seed            BIGINT       NOT NULL,
    parameters      JSON         NULL,
    state           VARCHAR(16)  NOT NULL,
    concurrency     INT          NOT NULL,
    rate_limit      INT          NOT NULL,
    scancel_on_cancel BOOLEAN    NOT NULL DEFAULT FALSE,
    created_by      VARCHAR(64)  NOT NULL,
    created_at      DATETIME(3)  NOT NULL,
    started_at      DATETIME(3)  NULL,
    paused_at       DATETIME(3)  NULL,
    -- time spent paused, added to every arrival offset so a pause shifts the rest of the plan
    paused_millis   BIGINT       NOT NULL DEFAULT 0,
    finished_at     DATETIME(3)  NULL,
    capacity_cpus   INT          NULL,
    capacity_gpus   INT          NULL,
    -- set once every Slurm job of the run is finished and read from accounting: the analysis no longer asks Slurm
    analysed_at     DATETIME(3)  NULL,
    PRIMARY KEY (id),
    KEY ix_wl_run_state (state),
    KEY ix_wl_run_created (created_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE wl_job (
    run_id          VARCHAR(16)  NOT NULL,
    seq             INT          NOT NULL,
    submit_offset_ms BIGINT      NOT NULL,
    user_name       VARCHAR(64)  NOT NULL,
    account         VARCHAR(64)  NULL,
    partition_name  VARCHAR(64)  NULL,
    qos             VARCHAR(64)  NULL,
    nodes           INT          NOT NULL,
    cpus            INT          NOT NULL,
    gpus_per_node   INT          NOT NULL,
    run_seconds     INT          NOT NULL,
    time_limit_min  INT          NOT NULL,
    array_tasks     INT          NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    -- which submitter took the job (process id + consumer): set atomically before the submission is sent, so two
    -- deliveries of one stream entry never submit twice; a claim without SUBMITTED is "in doubt" until Slurm is asked
    claimed_by      VARCHAR(64)  NULL,
    claimed_at      DATETIME(3)  NULL,
    slurm_job_id    BIGINT       NULL,
    error           VARCHAR(1000) NULL,
    submitted_at    DATETIME(3)  NULL,
    PRIMARY KEY (run_id, seq),
    KEY ix_wl_job_state (run_id, state),
    CONSTRAINT fk_wl_job_run FOREIGN KEY (run_id) REFERENCES wl_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- What Slurm says about each Slurm job of a run (one row per array task): read from slurmctld while the run goes on
-- and from accounting once it is done; the analysis reads only this table.
CREATE TABLE wl_result (
    run_id          VARCHAR(16)  NOT NULL,
    slurm_job_id    BIGINT       NOT NULL,
    seq             INT          NOT NULL,
    user_name       VARCHAR(64)  NOT NULL,
    cpus            INT          NOT NULL,
    gpus            INT          NOT NULL,
    state           VARCHAR(32)  NOT NULL,
    submit_time     DATETIME(3)  NULL,
    start_time      DATETIME(3)  NULL,
    end_time        DATETIME(3)  NULL,
    PRIMARY KEY (run_id, slurm_job_id),
    CONSTRAINT fk_wl_result_run FOREIGN KEY (run_id) REFERENCES wl_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
