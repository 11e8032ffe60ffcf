package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * After some dashboard traffic, {@code /actuator/prometheus} (open to scrapers) holds non-zero request latencies,
 * slurmrestd call latencies per cluster and endpoint, overview cache hits and misses, and the accounting sync lag.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class PrometheusIT {

    @LocalServerPort
    int port;

    @Test
    void showsRequestSlurmCacheAndSyncMetricsWithNonZeroValues() {
        LabCluster lab = TestLab.present().getFirst();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        for (int i = 0; i < 3; i++) {
            assertThat(admin.get("/api/v1/clusters/" + lab.name() + "/overview").status()).isEqualTo(200);
        }
        TestHttp.Response r = new TestHttp(port).get("/actuator/prometheus");
        assertThat(r.status()).isEqualTo(200);
        String text = r.body();
        assertThat(value(text, "http_server_requests_seconds_count\\{[^}]*uri=\"/api/v1/clusters/\\{cluster\\}/overview\"[^}]*}"))
                .isGreaterThanOrEqualTo(3);
        assertThat(value(text, "workbench_slurm_calls_seconds_count\\{[^}]*cluster=\"" + lab.name()
                + "\"[^}]*endpoint=\"/slurm/v[0-9.]+/nodes\"[^}]*outcome=\"SUCCESS\"[^}]*}")).isPositive();
        assertThat(value(text, "workbench_cache_requests_total\\{[^}]*cluster=\"" + lab.name() + "\"[^}]*result=\"hit\"[^}]*}"))
                .isPositive();
        assertThat(text).containsPattern("workbench_accounting_sync_lag_seconds\\{cluster=\"" + lab.name() + "\"");
        assertThat(text).containsPattern("(?m)^workbench_workload_queue_depth [0-9.]+$");
        System.out.printf("PrometheusIT %s: %d lines of metrics%n", lab, text.lines().count());
    }

    /** The sum of every sample whose name and labels match; fails when none does. */
    private static double value(String text, String series) {
        Matcher m = Pattern.compile("(?m)^" + series + " ([0-9.eE+-]+)$").matcher(text);
        double sum = 0;
        boolean found = false;
        while (m.find()) {
            sum += Double.parseDouble(m.group(1));
            found = true;
        }
        assertThat(found).as("a sample of %s in the Prometheus text", series).isTrue();
        return sum;
    }
}
