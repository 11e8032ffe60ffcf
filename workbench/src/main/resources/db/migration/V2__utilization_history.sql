-- Utilization history (WB-2): one row per cluster, partition ('' = the whole cluster), resolution and time bucket.
-- Each sample is added into the rows of all three resolutions at once (60 s, 1 h, 1 d), so the rollups are always
-- current and a read never scans raw samples; averages are sum / samples. Old rows of each resolution are deleted
-- after its retention.
CREATE TABLE utilization_history (
    cluster            VARCHAR(64)  NOT NULL,
    partition_name     VARCHAR(64)  NOT NULL,
    step_seconds       INT          NOT NULL,
    bucket_epoch       BIGINT       NOT NULL,
    samples            INT          NOT NULL,
    cpus_total_sum     BIGINT       NOT NULL,
    cpus_allocated_sum BIGINT       NOT NULL,
    gpus_total_sum     BIGINT       NOT NULL,
    gpus_allocated_sum BIGINT       NOT NULL,
    jobs_running_sum   BIGINT       NOT NULL,
    jobs_pending_sum   BIGINT       NOT NULL,
    PRIMARY KEY (cluster, step_seconds, partition_name, bucket_epoch),
    KEY ix_utilization_retention (step_seconds, bucket_epoch)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
