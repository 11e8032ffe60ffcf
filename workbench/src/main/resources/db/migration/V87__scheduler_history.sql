-- Scheduler history (WB-10): what slurmctld's schedulers did, from the collector's /diag samples, one row per cluster,
-- resolution (60 s, 1 h, 1 d) and time bucket, like utilization_history. sdiag's counters run since a reset (midnight,
-- restart), so each sample adds what they grew by since the sample before (counted_seconds is the time that covers:
-- rates are counts / counted_seconds); cycle time totals are mean x count. *_longest is the longest cycle seen in the
-- bucket (sdiag's max when it grew, else the last cycle); gauges are sums over the samples (averages: / samples).
CREATE TABLE scheduler_history (
    cluster              VARCHAR(64) NOT NULL,
    step_seconds         INT         NOT NULL,
    bucket_epoch         BIGINT      NOT NULL,
    samples              INT         NOT NULL,
    counted_seconds      BIGINT      NOT NULL,
    main_cycles          BIGINT      NOT NULL,
    main_cycle_micros    BIGINT      NOT NULL,
    main_cycle_longest   BIGINT      NOT NULL,
    bf_cycles            BIGINT      NOT NULL,
    bf_cycle_micros      BIGINT      NOT NULL,
    bf_cycle_longest     BIGINT      NOT NULL,
    jobs_started         BIGINT      NOT NULL,
    bf_jobs_started      BIGINT      NOT NULL,
    rpcs                 BIGINT      NOT NULL,
    server_threads_sum   BIGINT      NOT NULL,
    agent_queue_sum      BIGINT      NOT NULL,
    main_queue_sum       BIGINT      NOT NULL,
    bf_queue_sum         BIGINT      NOT NULL,
    PRIMARY KEY (cluster, step_seconds, bucket_epoch),
    KEY ix_scheduler_history_retention (step_seconds, bucket_epoch)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
