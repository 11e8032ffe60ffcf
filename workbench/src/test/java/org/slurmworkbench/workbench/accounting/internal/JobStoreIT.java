package org.slurmworkbench.workbench.accounting.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The sync's write path keeps the three rollups exact under everything a re-sync can do to a stored job: its end time moves
 * to another day or month, its state, user or numbers change, it finishes after being stored unfinished, it is listed
 * twice in one batch, or it is stored again unchanged. After every batch the rollups must equal a GROUP BY of the job
 * table (measure by measure, with rows that lost their last job gone).
 */
@SpringBootTest(properties = "workbench.accounting.sync.enabled=false")
class JobStoreIT {

    private static final String CLUSTER = "jobstore-it";

    @Autowired
    JobStore store;
    @Autowired
    JdbcClient jdbc;

    @Test
    void rollupsStayEqualToTheJobTableThroughRewrites() {
        jdbc.sql("DELETE FROM acct_job WHERE cluster = ?").param(CLUSTER).update();
        jdbc.sql("DELETE FROM acct_daily WHERE cluster = ?").param(CLUSTER).update();
        jdbc.sql("DELETE FROM acct_monthly WHERE cluster = ?").param(CLUSTER).update();
        jdbc.sql("DELETE FROM acct_yearly WHERE cluster = ?").param(CLUSTER).update();
        SplittableRandom random = new SplittableRandom(7);
        // 90 days across a month and a year end, few users, so rewrites often land on rows that already exist.
        SyntheticJobs gen = new SyntheticJobs(11, 6, Instant.parse("2026-03-15T00:00:00Z"), Duration.ofDays(90));
        List<JobRow> stored = new ArrayList<>();
        for (JobRow r : gen.batch(3000, 0, 1)) {
            stored.add(on(r, CLUSTER));
        }
        // Some start out unfinished, as the sync sees running jobs.
        stored.replaceAll(r -> random.nextInt(5) == 0 ? unfinished(r) : r);
        assertThat(store.save(CLUSTER, stored)).isPositive();
        RollupCheck.assertRollupsEqualJobTable(jdbc, CLUSTER);

        for (int round = 0; round < 6; round++) {
            List<JobRow> batch = new ArrayList<>();
            for (int i = 0; i < 400; i++) {
                JobRow r = stored.get(random.nextInt(stored.size()));
                JobRow changed = rewrite(r, random);
                stored.set(stored.indexOf(r), changed);
                batch.add(changed);
            }
            // The same job twice in one batch: the last record is what stays.
            JobRow twice = stored.get(random.nextInt(stored.size()));
            JobRow last = rewrite(twice, random);
            batch.add(rewrite(twice, random));
            batch.add(last);
            stored.set(stored.indexOf(twice), last);
            store.save(CLUSTER, batch);
            RollupCheck.assertRollupsEqualJobTable(jdbc, CLUSTER);
        }
        long before = jdbc.sql("SELECT SUM(cpu_seconds) FROM acct_monthly WHERE cluster = ?").param(CLUSTER)
                .query(Long.class).single();
        assertThat(store.save(CLUSTER, stored)).as("storing every job again unchanged moves no rollup row").isZero();
        assertThat(jdbc.sql("SELECT SUM(cpu_seconds) FROM acct_monthly WHERE cluster = ?").param(CLUSTER)
                .query(Long.class).single()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acct_daily WHERE cluster = ? AND jobs <= 0").param(CLUSTER)
                .query(Long.class).single()).as("no empty or negative rollup rows").isZero();
        RollupCheck.assertRollupsEqualJobTable(jdbc, CLUSTER);
    }

    @Test
    void namesWithTabsNewlinesBackslashesAndNonLatinLettersAreStoredAsGiven() {
        String name = "a\tb\nc\\d \\N \\t 中文 'q\" %_\r end";
        JobRow job = withName(on(new SyntheticJobs(3, 2, Instant.parse("2026-02-01T00:00:00Z"), Duration.ofDays(1))
                .batch(1, 0, 1).getFirst(), CLUSTER), name);
        JobRow nameless = new JobRow(CLUSTER, job.jobId() + 1, null, null, null, null, "", "", "", "", "PENDING", null,
                job.submit(), null, null, null, 1, 0, 0, 0, null, 0, 0, 0, null, "");
        store.save(CLUSTER, List.of(job, nameless));
        assertThat(jdbc.sql("SELECT job_name FROM acct_job WHERE cluster = ? AND job_id = ?").params(CLUSTER, job.jobId())
                .query(String.class).single()).isEqualTo(name);
        var stored = jdbc.sql("SELECT job_name, end_time, wait_seconds, array_job_id FROM acct_job WHERE cluster = ? AND job_id = ?")
                .params(CLUSTER, nameless.jobId()).query().singleRow();
        assertThat(stored.get("job_name")).isEqualTo("");
        assertThat(stored.get("end_time")).as("NULL stays NULL").isNull();
        assertThat(stored.get("wait_seconds")).isNull();
        assertThat(stored.get("array_job_id")).isNull();
    }

    private static JobRow withName(JobRow r, String name) {
        return new JobRow(r.cluster(), r.jobId(), r.arrayJobId(), r.arrayTaskId(), r.hetJobId(), r.hetJobOffset(), r.user(),
                r.account(), r.partition(), r.qos(), r.state(), r.exitCode(), r.submit(), r.eligible(), r.start(), r.end(),
                r.cpus(), r.nodes(), r.gpus(), r.memoryMb(), r.timeLimitMinutes(), r.elapsedSeconds(), r.cpuSeconds(),
                r.gpuSeconds(), r.waitSeconds(), name);
    }

    private static JobRow rewrite(JobRow r, SplittableRandom random) {
        return switch (random.nextInt(5)) {
            // The end moves by up to 40 days: often another day, sometimes another month.
            case 0 -> withEnd(r, (r.end() == null ? r.submit() : r.end()).plus(Duration.ofHours(random.nextInt(-960, 960))));
            case 1 -> new JobRow(r.cluster(), r.jobId(), r.arrayJobId(), r.arrayTaskId(), r.hetJobId(), r.hetJobOffset(), r.user(), r.account(), r.partition(),
                    r.qos(), random.nextBoolean() ? "FAILED" : "COMPLETED", r.exitCode(), r.submit(), r.eligible(), r.start(),
                    r.end() == null ? r.submit().plusSeconds(60) : r.end(), r.cpus(), r.nodes(), r.gpus(), r.memoryMb(),
                    r.timeLimitMinutes(), r.elapsedSeconds() + 17, (r.elapsedSeconds() + 17) * r.cpus(),
                    (r.elapsedSeconds() + 17) * r.gpus(), r.waitSeconds(), r.name());
            case 2 -> new JobRow(r.cluster(), r.jobId(), r.arrayJobId(), r.arrayTaskId(), r.hetJobId(), r.hetJobOffset(), "u" + random.nextInt(6), r.account(),
                    r.partition(), r.qos(), r.state(), r.exitCode(), r.submit(), r.eligible(), r.start(), r.end(), r.cpus(),
                    r.nodes(), r.gpus(), r.memoryMb(), r.timeLimitMinutes(), r.elapsedSeconds(), r.cpuSeconds(),
                    r.gpuSeconds(), random.nextBoolean() ? null : (long) random.nextInt(5000), r.name());
            case 3 -> unfinished(r);
            default -> r;
        };
    }

    private static JobRow withEnd(JobRow r, Instant end) {
        return new JobRow(r.cluster(), r.jobId(), r.arrayJobId(), r.arrayTaskId(), r.hetJobId(), r.hetJobOffset(), r.user(), r.account(), r.partition(),
                r.qos(), r.state(), r.exitCode(), r.submit(), r.eligible(), r.start(), end, r.cpus(), r.nodes(), r.gpus(),
                r.memoryMb(), r.timeLimitMinutes(), r.elapsedSeconds(), r.cpuSeconds(), r.gpuSeconds(), r.waitSeconds(),
                r.name());
    }

    private static JobRow unfinished(JobRow r) {
        JobRow running = withEnd(r, null);
        return new JobRow(running.cluster(), running.jobId(), null, null, null, null, running.user(), running.account(),
                running.partition(), running.qos(), "RUNNING", null, running.submit(), running.eligible(), running.start(),
                null, running.cpus(), running.nodes(), running.gpus(), running.memoryMb(), running.timeLimitMinutes(), 0, 0, 0,
                running.waitSeconds(), running.name());
    }

    static JobRow on(JobRow r, String cluster) {
        return new JobRow(cluster, r.jobId(), r.arrayJobId(), r.arrayTaskId(), r.hetJobId(), r.hetJobOffset(), r.user(), r.account(), r.partition(), r.qos(),
                r.state(), r.exitCode(), r.submit(), r.eligible(), r.start(), r.end(), r.cpus(), r.nodes(), r.gpus(),
                r.memoryMb(), r.timeLimitMinutes(), r.elapsedSeconds(), r.cpuSeconds(), r.gpuSeconds(), r.waitSeconds(),
                r.name());
    }
}
