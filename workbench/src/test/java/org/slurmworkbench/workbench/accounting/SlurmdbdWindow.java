package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * A past two-hour window of a lab cluster's slurmdbd history that holds exactly one finished workload and that
 * slurmdbd itself has rolled up, so that {@code sreport} reports it.
 *
 * <p>Why the workload's times are moved: sreport answers only from slurmdbd's usage tables
 * ({@code <cluster>_assoc_usage_hour/day/month_table}), which slurmdbd fills once an hour for completed hours, so jobs
 * that ended minutes ago are in no report. And a window of real time on the lab also holds other tests' and demo jobs,
 * some crossing the window's edges, which sreport splits by hour while the workbench counts a job in the window it ends
 * in; only a window that holds exactly the workload's jobs can be compared to the second. So {@link #moveIntoPast} moves
 * only the workload's own jobs (by their unique name), in slurmdbd's own tables ({@code <cluster>_job_table} submit,
 * eligible, start and end, {@code <cluster>_step_table} start and end) by one whole number of seconds into an empty slot
 * before the cluster was created, where no other job can be: every duration, hence elapsed and CPU time, stays as
 * slurmdbd recorded it. Then slurmdbd recomputes exactly that window with {@code sacctmgr -i rollup START END}, a command
 * sacctmgr has without listing it in its help (present in 22.05, 24.11 and 26.05; it sends DBD_ROLL_USAGE, which the
 * slurmdbd runs as "User RPC rollup call"). Given an end, slurmdbd rolls up just those hours and leaves its
 * {@code <cluster>_last_ran_table} alone: no slurmdbd restart, no reset of last_ran, nothing else re-rolled.
 *
 * <p>The cluster event: sreport leaves out a cluster that has no cluster usage rows in the window ("check to see if this
 * cluster is around during the time we are looking at" in slurmdb's cluster report), and the hourly rollup writes
 * cluster rows only for hours that a cluster record of {@code <cluster>_event_table} (node_name '', the registered
 * TRES) covers. Before the cluster was created there is none: with the jobs moved and rolled up but no such event, the
 * assoc rows were there and sreport printed nothing (seen on 22.05, 24.11 and 26.05). So the slot gets one closed
 * cluster event of its own, the cluster's current TRES for exactly the slot's two hours, its reason naming this test.
 * It is closed, so slurmdbd never updates it (it only ever closes the open record, time_end = 0). A slurmdbd that has
 * never rolled up (empty last_ran table) starts its first rollup at the earliest cluster event, then such a slot: it
 * recomputes the slots from the same tables, to the same numbers.
 *
 * <p>Re-runs and other tests: every run takes a slot of its own, the newest two-hour slot before
 * {@code creation - 24 h} that holds no job; a MariaDB named lock makes concurrent runs pick different slots. Nothing of
 * the present moves: other tests' jobs, their times and the usage slurmdbd rolls up every hour are untouched. The
 * window is what sreport sees of this workload only, so sreport's per user and account CPU seconds must equal sacct's
 * CPUTimeRAW sums of the same jobs.
 */
record SlurmdbdWindow(LabCluster lab, Instant start, Instant end, String localStart, String localEnd) {

    static final Duration SLOT = Duration.ofHours(2);
    private static final int MAX_SLOTS = 2000;
    private static final String EVENT_REASON = "wb AccountingIT sreport window (jobs moved here by the test)";

    /**
     * Moves the {@code records} slurmdbd job records named {@code jobName} (all ended, in one run of a few minutes) into a
     * fresh slot and has slurmdbd roll the slot up.
     */
    static SlurmdbdWindow moveIntoPast(LabCluster lab, String jobName, int records) {
        String c = lab.name();
        assertThat(c).as("cluster name used in table names").matches("[a-z0-9_]+");
        SingleConnectionDataSource ds = dataSource(lab);
        String lock = "wb-sreport-" + c;
        try {
            JdbcClient db = JdbcClient.create(ds);
            awaitStepsEnded(db, c, jobName);
            assertThat(db.sql("SELECT GET_LOCK(?, 300)").param(lock).query(Integer.class).single())
                    .as("named lock %s", lock).isEqualTo(1);
            Instant created = Instant.ofEpochSecond(db.sql("SELECT creation_time FROM cluster_table WHERE name = ?")
                    .param(c).query(Long.class).single());
            Instant base = created.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(24));
            Instant start = null;
            for (int k = 0; k < MAX_SLOTS && start == null; k++) {
                Instant s = base.minus(SLOT.multipliedBy(k));
                if (jobsIn(db, c, s, s.plus(SLOT)) == 0) {
                    start = s;
                }
            }
            assertThat(start).as("a free slot in %d slots before %s", MAX_SLOTS, base).isNotNull();
            Instant end = start.plus(SLOT);
            long first = db.sql("SELECT MIN(time_submit) FROM " + c + "_job_table WHERE job_name = ?").param(jobName)
                    .query(Long.class).single();
            long delta = start.getEpochSecond() + 60 - first;
            db.sql("START TRANSACTION").update();
            db.sql("UPDATE " + c + "_step_table s JOIN " + c + "_job_table j ON s.job_db_inx = j.job_db_inx SET "
                    + "s.time_start = IF(s.time_start > 0, s.time_start + :d, 0), "
                    + "s.time_end = IF(s.time_end > 0, s.time_end + :d, 0) WHERE j.job_name = :name")
                    .param("d", delta).param("name", jobName).update();
            int moved = db.sql("UPDATE " + c + "_job_table SET time_submit = time_submit + :d, "
                    + "time_eligible = IF(time_eligible > 0, time_eligible + :d, 0), "
                    + "time_start = IF(time_start > 0, time_start + :d, 0), "
                    + "time_end = IF(time_end > 0, time_end + :d, 0) WHERE job_name = :name")
                    .param("d", delta).param("name", jobName).update();
            db.sql("INSERT IGNORE INTO " + c + "_event_table (time_start, time_end, node_name, cluster_nodes, reason, state, tres) "
                    + "SELECT ?, ?, '', cluster_nodes, ?, 0, tres FROM " + c + "_event_table WHERE node_name = '' "
                    + "ORDER BY time_start DESC LIMIT 1")
                    .params(start.getEpochSecond(), end.getEpochSecond(), EVENT_REASON).update();
            long last = db.sql("SELECT MAX(time_end) FROM " + c + "_job_table WHERE job_name = ?").param(jobName)
                    .query(Long.class).single();
            if (moved != records || last >= end.getEpochSecond()) {
                db.sql("ROLLBACK").update();
                throw new AssertionError(lab + ": " + moved + " records of " + jobName + " (expected " + records
                        + "), last end " + Instant.ofEpochSecond(last) + " (window ends " + end + "): not moved");
            }
            db.sql("COMMIT").update();
            SlurmdbdWindow w = new SlurmdbdWindow(lab, start, end, localTime(lab, start), localTime(lab, end));
            w.rollUp();
            return w;
        } finally {
            JdbcClient.create(ds).sql("SELECT RELEASE_LOCK(?)").param(lock).query().listOfRows();
            ds.destroy();
        }
    }

    /** {@code sacctmgr -i rollup START END}: slurmdbd recomputes the usage of these hours (and only these). */
    private void rollUp() {
        String out = LabShell.run(lab, "sacctmgr", "-i", "rollup", localStart, localEnd);
        assertThat(out).as("%s: sacctmgr rollup %s %s", lab, localStart, localEnd).contains("SUCCESS");
    }

    /**
     * {@code sreport -t seconds cluster AccountUtilizationByUser} for the window: allocated CPU seconds per
     * "user/account" (the lines with a login; the others are account totals).
     */
    Map<String, Long> sreportCpuSeconds() {
        List<String> lines = LabShell.lines(lab, "sreport", "-nP", "-t", "seconds", "cluster", "AccountUtilizationByUser",
                "cluster=" + lab.name(), "start=" + localStart, "end=" + localEnd, "format=Account,Login,Used");
        Map<String, Long> out = new TreeMap<>();
        for (String line : lines) {
            String[] f = line.split("\\|", -1);
            assertThat(f).as("sreport line %s", line).hasSize(3);
            if (!f[1].isEmpty()) {
                out.merge(f[1] + "/" + f[0], Long.parseLong(f[2]), Long::sum);
            }
        }
        assertThat(lines).as("%s: sreport for %s..%s", lab, localStart, localEnd).isNotEmpty();
        return out;
    }

    /** The release's local time (what sacctmgr, sacct and sreport read) of an instant; it must be on the hour there. */
    private static String localTime(LabCluster lab, Instant t) {
        String local = LabShell.lines(lab, "date", "-d", "@" + t.getEpochSecond(), "+%Y-%m-%dT%H:%M:%S").getFirst();
        assertThat(local).as("%s local time of %s (rollups go by local hours)", lab, t).endsWith(":00:00");
        return local;
    }

    /** Jobs with any of their times in [from, to): a slot is free when there are none. */
    private static long jobsIn(JdbcClient db, String c, Instant from, Instant to) {
        return db.sql("SELECT COUNT(*) FROM " + c + "_job_table WHERE time_submit BETWEEN :a AND :b "
                        + "OR time_eligible BETWEEN :a AND :b OR time_start BETWEEN :a AND :b OR time_end BETWEEN :a AND :b")
                .param("a", from.getEpochSecond()).param("b", to.getEpochSecond() - 1).query(Long.class).single();
    }

    /** slurmdbd records a step's end around the job's: move nothing before every step of the jobs has ended. */
    private static void awaitStepsEnded(JdbcClient db, String c, String jobName) {
        Instant deadline = Instant.now().plusSeconds(60);
        String sql = "SELECT COUNT(*) FROM " + c + "_step_table s JOIN " + c + "_job_table j ON s.job_db_inx = j.job_db_inx "
                + "WHERE j.job_name = ? AND s.time_end = 0";
        while (db.sql(sql).param(jobName).query(Long.class).single() > 0) {
            assertThat(Instant.now()).as("steps of %s still running in slurmdbd", jobName).isBefore(deadline);
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** slurmdbd's own database connection, from its slurmdbd.conf (beside the cluster's JWT key). */
    private static SingleConnectionDataSource dataSource(LabCluster lab) {
        Path conf = lab.jwtKey().resolveSibling("slurmdbd.conf");
        Map<String, String> kv = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        try {
            for (String line : Files.readAllLines(conf)) {
                int eq = line.indexOf('=');
                if (!line.startsWith("#") && eq > 0) {
                    kv.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new AssertionError("cannot read " + conf, e);
        }
        assertThat(kv.get("StorageType")).as("StorageType in %s", conf).isEqualTo("accounting_storage/mysql");
        String url = String.format(Locale.ROOT, "jdbc:mariadb://%s:%s/%s", kv.getOrDefault("StorageHost", "localhost"),
                kv.getOrDefault("StoragePort", "3306"), kv.get("StorageLoc"));
        return new SingleConnectionDataSource(url, kv.get("StorageUser"), kv.getOrDefault("StoragePass", ""), true);
    }
}
