-- The ceiling touch view (WB-6): one row per cluster, QOS and sample time. Use is what the QOS's running jobs hold
-- (the sum, and the busiest user's part), limits are those in force at that moment (NULL: none), pending_limited
-- counts jobs pending with a QOSGrp*/QOSMax* reason, idle_gpus the whole cluster's idle GPUs then.
CREATE TABLE qos_samples (
    cluster          VARCHAR(64) NOT NULL,
    qos              VARCHAR(64) NOT NULL,
    at_epoch         BIGINT      NOT NULL,
    gpus_used        INT         NOT NULL,
    gpus_user_max    INT         NOT NULL,
    cpus_used        INT         NOT NULL,
    cpus_user_max    INT         NOT NULL,
    grp_gpus         INT         NULL,
    user_gpus        INT         NULL,
    grp_cpus         INT         NULL,
    user_cpus        INT         NULL,
    pending_limited  INT         NOT NULL,
    pending_total    INT         NOT NULL,
    idle_gpus        INT         NOT NULL,
    PRIMARY KEY (cluster, qos, at_epoch),
    INDEX ix_qos_samples_retention (at_epoch)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
