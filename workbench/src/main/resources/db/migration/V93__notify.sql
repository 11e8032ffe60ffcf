-- Notifications (notify module): each user's address, webhook and default choices; what each job's submitter asked
-- to be told; and the outbox of due messages. A message is written here, under its unique key, before it is sent, so
-- a job's message is made once whichever instance sees the end first, and a restart sends what was not yet sent.
CREATE TABLE notify_profile (
    username        VARCHAR(64)   NOT NULL PRIMARY KEY,
    email           VARCHAR(254)  NULL,
    -- the address came from the site's directory (LDAP mail) and is renewed at each login until the user types one
    email_from_site BOOLEAN       NOT NULL DEFAULT FALSE,
    webhook_url     VARCHAR(2000) NULL,
    on_end          BOOLEAN       NOT NULL DEFAULT FALSE,
    on_fail         BOOLEAN       NOT NULL DEFAULT FALSE,
    -- percent of the time limit at which to warn; NULL: never
    time_share      INT           NULL,
    language        VARCHAR(8)    NOT NULL DEFAULT 'en',
    updated_at      DATETIME(3)   NOT NULL
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per job someone opted in for, keyed by the id Slurm answered (an array's own id). *_done: its message of
-- that kind is in the outbox (or the job ended without needing one), so the detector no longer looks at it.
CREATE TABLE notify_job (
    cluster     VARCHAR(64) NOT NULL,
    job_id      BIGINT      NOT NULL,
    username    VARCHAR(64) NOT NULL,
    -- the Slurm user it was submitted as: accounting is read per Slurm user, one query for all their ended jobs
    slurm_user  VARCHAR(64) NOT NULL,
    on_end      BOOLEAN     NOT NULL,
    on_fail     BOOLEAN     NOT NULL,
    time_share  INT         NULL,
    end_done    BOOLEAN     NOT NULL DEFAULT FALSE,
    time_done   BOOLEAN     NOT NULL DEFAULT FALSE,
    created_at  DATETIME(3) NOT NULL,
    PRIMARY KEY (cluster, job_id),
    KEY ix_notify_job_open (end_done, cluster)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- Due messages. claimed_at: a sender took it (counts against the rate from then on, also across a restart);
-- sent_at: the channel accepted it. A claimed, unsent row is sent again after resend-after (at least once).
CREATE TABLE notify_outbox (
    id          BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    cluster     VARCHAR(64)   NOT NULL,
    job_id      BIGINT        NOT NULL,
    kind        VARCHAR(8)    NOT NULL,
    channel     VARCHAR(8)    NOT NULL,
    username    VARCHAR(64)   NOT NULL,
    recipient   VARCHAR(2000) NOT NULL,
    subject     VARCHAR(300)  NOT NULL,
    body        TEXT          NOT NULL,
    created_at  DATETIME(3)   NOT NULL,
    claimed_at  DATETIME(3)   NULL,
    sent_at     DATETIME(3)   NULL,
    attempts    INT           NOT NULL DEFAULT 0,
    last_error  VARCHAR(500)  NULL,
    CONSTRAINT uk_notify_outbox UNIQUE (cluster, job_id, kind, channel),
    CONSTRAINT ck_notify_outbox_kind CHECK (kind IN ('END', 'TIME')),
    CONSTRAINT ck_notify_outbox_channel CHECK (channel IN ('EMAIL', 'WEBHOOK')),
    KEY ix_notify_outbox_due (channel, sent_at, id),
    KEY ix_notify_outbox_claimed (channel, claimed_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
