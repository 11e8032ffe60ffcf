package org.slurmworkbench.workbench.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestApp;
import org.slurmworkbench.workbench.TestLab;

/**
 * A burst of 1,000 opted-in job ends, all arriving at once, through a separate workbench process that is SIGKILLed
 * while it sends and started again: every message arrives, at no more than {@code email-per-minute} (600) in any
 * minute, and at most the one in flight at the kill twice. The ends are written where the detector finds jobs that
 * ended while the app was down (the accounting copy, for opt-ins in {@code notify_job}), not run as 1,000 Slurm jobs:
 * from there on it is the real path (detector, outbox, rate, SMTP). Takes a minute plus two starts of the app: the
 * rate is what makes it last.
 */
class NotifyBurstIT {

    static final int JOBS = 1000;
    static final int PER_MINUTE = 600;
    static final long FIRST_ID = 990_000_000L;

    @Test
    void aBurstArrivesWholeAtTheRateAlsoAcrossAKill() throws Exception {
        LabCluster c = TestLab.present().getFirst();
        String db = System.getProperty("wb.test.db", "slurm_workbench_test") + "_notify_burst";
        try (Connection root = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/", "root", "");
             Statement st = root.createStatement()) {
            st.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        try (NotifyTestServers servers = new NotifyTestServers();
             TestApp app = TestApp.start("notify-burst", db, Map.of(
                     "spring.mail.host", "127.0.0.1", "spring.mail.port", Integer.toString(servers.smtpPort()),
                     "workbench.notify.email-per-minute", Integer.toString(PER_MINUTE),
                     "workbench.notify.batch", "100", "workbench.notify.send-interval", "500ms",
                     "workbench.notify.interval", "1s", "workbench.notify.resend-after", "5s",
                     "workbench.history.enabled", "false", "workbench.accounting.sync.enabled", "false"))) {
            burst(db, c.name());
            Arrivals arrivals = new Arrivals(servers);
            arrivals.start();
            arrivals.await(300, Duration.ofMinutes(2));
            app.kill();
            int atKill = arrivals.count();
            app.start();
            arrivals.awaitDistinct(JOBS, Duration.ofMinutes(4));
            arrivals.stopRecording();

            List<String> keys = servers.mailKeys();
            Set<String> distinct = new HashSet<>(keys);
            int mostInAMinute = arrivals.mostWithin(Duration.ofSeconds(58));
            System.out.printf("notify burst: %d mails, %d distinct, %d before the kill, most in 58 s: %d (limit %d/min)%n",
                    keys.size(), distinct.size(), atKill, mostInAMinute, PER_MINUTE);
            assertThat(distinct).hasSize(JOBS);
            assertThat(keys.size() - distinct.size()).as("sent twice: only the one in flight at the kill").isLessThanOrEqualTo(1);
            // a rate kept in memory would start afresh after the restart and send far more than 600 within a minute
            assertThat(mostInAMinute).isLessThanOrEqualTo(PER_MINUTE);
            assertThat(atKill).isLessThan(JOBS);
        }
    }

    /** 1,000 ended jobs of alice in the accounting copy and an opt-in for each, as the detector finds them after a restart. */
    private static void burst(String db, String cluster) throws Exception {
        try (Connection con = DriverManager.getConnection("jdbc:mariadb://127.0.0.1:3306/" + db, "root", "");
             Statement st = con.createStatement()) {
            st.execute("INSERT INTO notify_profile (username, email, updated_at) VALUES ('burst-user', 'burst@example.org', UTC_TIMESTAMP(3))");
            StringBuilder jobs = new StringBuilder("INSERT INTO acct_job (cluster, job_id, user_name, account, partition_name, "
                    + "qos, state, exit_code, start_time, end_time, cpus, nodes, gpus, memory_mb, time_limit_min, elapsed_seconds, "
                    + "cpu_seconds, gpu_seconds, job_name) VALUES ");
            StringBuilder optIns = new StringBuilder("INSERT INTO notify_job (cluster, job_id, username, slurm_user, on_end, "
                    + "on_fail, created_at) VALUES ");
            for (int i = 0; i < JOBS; i++) {
                long id = FIRST_ID + i;
                jobs.append(i == 0 ? "" : ",").append("('").append(cluster).append("',").append(id)
                        .append(",'alice','physics','cpu','normal','COMPLETED',0,UTC_TIMESTAMP() - INTERVAL 5 SECOND,")
                        .append("UTC_TIMESTAMP(),1,1,0,100,1,5,5,0,'wb9-burst')");
                optIns.append(i == 0 ? "" : ",").append("('").append(cluster).append("',").append(id)
                        .append(",'burst-user','alice',TRUE,FALSE,UTC_TIMESTAMP(3) - INTERVAL 10 SECOND)");
            }
            st.execute(jobs.toString());
            st.execute(optIns.toString());
        }
    }

    /** When each mail arrived, as seen by polling the SMTP server every 20 ms. */
    private static final class Arrivals extends Thread {

        private final NotifyTestServers servers;
        private final List<Long> nanos = new ArrayList<>();
        private volatile boolean running = true;

        Arrivals(NotifyTestServers servers) {
            this.servers = servers;
            setDaemon(true);
        }

        @Override
        public void run() {
            while (running) {
                int n = servers.mail.getReceivedMessages().length;
                synchronized (nanos) {
                    long now = System.nanoTime();
                    while (nanos.size() < n) {
                        nanos.add(now);
                    }
                }
                try {
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int count() {
            synchronized (nanos) {
                return nanos.size();
            }
        }

        void await(int atLeast, Duration bound) throws InterruptedException {
            long until = System.nanoTime() + bound.toNanos();
            while (count() < atLeast) {
                assertThat(System.nanoTime()).as(atLeast + " mails within " + bound + "; got " + count()).isLessThan(until);
                Thread.sleep(50);
            }
        }

        void awaitDistinct(int n, Duration bound) throws InterruptedException {
            long until = System.nanoTime() + bound.toNanos();
            while (new HashSet<>(servers.mailKeys()).size() < n) {
                assertThat(System.nanoTime()).as(n + " distinct mails within " + bound + "; got "
                        + new HashSet<>(servers.mailKeys()).size()).isLessThan(until);
                Thread.sleep(200);
            }
            Thread.sleep(1000); // a duplicate sent right after the last one would show now
        }

        void stopRecording() {
            running = false;
        }

        /** The most mails that arrived within any {@code window}. */
        int mostWithin(Duration window) {
            synchronized (nanos) {
                int most = 0;
                int from = 0;
                for (int to = 0; to < nanos.size(); to++) {
                    while (nanos.get(to) - nanos.get(from) >= window.toNanos()) {
                        from++;
                    }
                    most = Math.max(most, to - from + 1);
                }
                return most;
            }
        }
    }
}
