-- What the scheduler did during a workload run and what the run ran on (WB-10). wl_run_diag: slurmctld's /diag
-- (sdiag) read at the run's start, every few seconds while it runs and at its end (once its jobs have all ended), as
-- the client's Diag record in JSON without the RPCs by user; the analysis adds up the counters' growth between
-- consecutive readings (resets handled). wl_run_cluster: the cluster as the run found it at its start (release, API
-- version, nodes, partitions and their limits, QOS limits, and the scheduler's configuration where the API offers it).
CREATE TABLE wl_run_diag (
    run_id   VARCHAR(16) NOT NULL,
    seq      INT         NOT NULL,
    phase    VARCHAR(8)  NOT NULL,
    taken_at DATETIME(6) NOT NULL,
    diag     JSON        NOT NULL,
    PRIMARY KEY (run_id, seq),
    CONSTRAINT fk_wl_run_diag_run FOREIGN KEY (run_id) REFERENCES wl_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE wl_run_cluster (
    run_id      VARCHAR(16) NOT NULL,
    recorded_at DATETIME(6) NOT NULL,
    facts       JSON        NOT NULL,
    PRIMARY KEY (run_id),
    CONSTRAINT fk_wl_run_cluster_run FOREIGN KEY (run_id) REFERENCES wl_run (id) ON DELETE CASCADE
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
