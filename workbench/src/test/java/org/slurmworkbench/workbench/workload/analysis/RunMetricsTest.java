package org.slurmworkbench.workbench.workload.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The run metrics on jobs whose numbers are worked out by hand. */
class RunMetricsTest {

    private static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

    private static RunMetrics.JobTimes job(long id, String user, int cpus, int gpus, int submit, Integer start, Integer end) {
        return new RunMetrics.JobTimes(id, (int) id, user, cpus, gpus, end == null ? "RUNNING" : "COMPLETED",
                T0.plusSeconds(submit), start == null ? null : T0.plusSeconds(start), end == null ? null : T0.plusSeconds(end));
    }

    @Test
    void waitSlowdownThroughputMakespanAndUtilization() {
        // A: 2 CPUs, waits 5 s, runs 10 s (bsld 15/10); B: 4 CPUs and 1 GPU, waits 15 s, runs 2 s (bsld 17/10: threshold)
        List<RunMetrics.JobTimes> jobs = List.of(job(1, "alice", 2, 0, 0, 5, 15), job(2, "bob", 4, 1, 0, 15, 17));
        RunMetrics m = RunMetrics.of(jobs, T0, 4, 2, T0.plusSeconds(60));

        RunMetrics.Summary all = m.all();
        assertThat(all.jobs()).isEqualTo(2);
        assertThat(all.finished()).isEqualTo(2);
        // percentiles linear between ranks, as accounting's p95 (shared.Percentiles): p50 of {5, 15} is 10, p95 14.5
        assertThat(all.waitSeconds()).isEqualTo(new RunMetrics.Stat(10.0, 10.0, 14.5, 15.0));
        assertThat(all.boundedSlowdown()).isEqualTo(new RunMetrics.Stat(1.6, 1.6, 1.69, 1.7));
        assertThat(all.makespanSeconds()).isEqualTo(17.0);
        assertThat(all.throughputPerHour()).isEqualTo(423.529);
        assertThat(all.cpuHours()).isEqualTo(0.008); // 28 CPU-seconds

        RunMetrics.Utilization u = m.utilization();
        assertThat(u.stepSeconds()).isEqualTo(1);
        assertThat(u.points()).hasSize(17);
        assertThat(u.points().get(4).cpuPercent()).isZero();
        assertThat(u.points().get(5).cpuPercent()).isEqualTo(50.0);
        assertThat(u.points().get(15).cpuPercent()).isEqualTo(100.0);
        assertThat(u.points().get(15).gpuPercent()).isEqualTo(50.0);
        assertThat(u.meanCpuPercent()).isEqualTo(41.176); // 28 / (4 x 17)
        assertThat(u.meanGpuPercent()).isEqualTo(5.882);  // 2 / (2 x 17)

        assertThat(m.byUser()).containsOnlyKeys("alice", "bob");
        assertThat(m.byUser().get("bob").waitSeconds().max()).isEqualTo(15.0);
        assertThat(m.bySize()).containsOnlyKeys("2-4");
    }

    @Test
    void jobsNotYetStartedOrEndedCountOnlyWhereTheyHaveTimes() {
        List<RunMetrics.JobTimes> jobs = List.of(job(1, "alice", 1, 0, 0, null, null), job(2, "alice", 8, 0, 0, 3, null));
        RunMetrics m = RunMetrics.of(jobs, T0, 16, 0, T0.plusSeconds(13));
        assertThat(m.all().started()).isEqualTo(1);
        assertThat(m.all().finished()).isZero();
        assertThat(m.all().waitSeconds().max()).isEqualTo(3.0);
        assertThat(m.all().boundedSlowdown().mean()).isNull();
        assertThat(m.all().makespanSeconds()).isNull();
        // the running job holds 8 of 16 CPUs from second 3 until now (13 s)
        assertThat(m.utilization().points().get(10).cpuPercent()).isEqualTo(50.0);
        assertThat(m.utilization().meanGpuPercent()).isNull();
        assertThat(m.bySize()).containsOnlyKeys("1", "5-16");
    }

    @Test
    void utilizationOfEveryStepIsEachJobsOverlapWithIt() {
        // long and short jobs over a span of many steps; the sweep must give what adding up overlaps gives
        java.util.Random random = new java.util.Random(5);
        List<RunMetrics.JobTimes> jobs = new java.util.ArrayList<>();
        for (int i = 1; i <= 2000; i++) {
            int start = random.nextInt(20_000);
            int end = start + 1 + random.nextInt(i % 10 == 0 ? 20_000 : 300);
            jobs.add(new RunMetrics.JobTimes(i, i, "u" + i % 4, 1 + random.nextInt(16), random.nextInt(3), "COMPLETED",
                    T0, T0.plusMillis(start * 1000L + random.nextInt(1000)), i % 50 == 0 ? null : T0.plusSeconds(end)));
        }
        Instant now = T0.plusSeconds(30_000);
        RunMetrics.Utilization u = RunMetrics.of(jobs, T0, 256, 32, now).utilization();
        long step = u.stepSeconds() * 1000;
        // from the origin to the last end (or now, for jobs still running)
        long span = jobs.stream().mapToLong(j -> (j.end() == null ? now : j.end()).toEpochMilli()).max().orElseThrow()
                - T0.toEpochMilli();
        assertThat(u.points()).hasSize((int) ((span + step - 1) / step));
        for (RunMetrics.Utilization.Point p : u.points()) {
            long from = p.offsetSeconds() * 1000;
            long to = Math.min(span, from + step);
            double cpu = 0;
            double gpu = 0;
            for (RunMetrics.JobTimes j : jobs) {
                long a = j.start().toEpochMilli() - T0.toEpochMilli();
                long b = (j.end() == null ? now : j.end()).toEpochMilli() - T0.toEpochMilli();
                long overlap = Math.max(0, Math.min(b, to) - Math.max(a, from));
                cpu += (double) j.cpus() * overlap;
                gpu += (double) j.gpus() * overlap;
            }
            assertThat(p.cpuPercent()).isEqualTo(Math.round(100 * cpu / (256.0 * (to - from)) * 1000) / 1000.0);
            assertThat(p.gpuPercent()).isEqualTo(Math.round(100 * gpu / (32.0 * (to - from)) * 1000) / 1000.0);
        }
        // per user: each user's jobs summarised on their own
        assertThat(RunMetrics.of(jobs, T0, 256, 32, now).byUser().get("u1").jobs()).isEqualTo(500);
    }

    @Test
    void nothingAtAll() {
        RunMetrics m = RunMetrics.of(List.of(), null, 0, 0, T0);
        assertThat(m.all().jobs()).isZero();
        assertThat(m.all().waitSeconds().mean()).isNull();
        assertThat(m.utilization().points()).isEmpty();
    }
}
