package org.slurmworkbench.workbench.workload.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A started run on the configured dead cluster (nothing listens at its URL): its analysis cannot ask Slurm, so the
 * page says so, naming the cluster, and the API answers {@code fresh: false}; both still answer from the stored times.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AnalysisWithoutSlurmIT {

    @LocalServerPort
    int port;
    @Autowired
    RunStore store;

    @Test
    void theAnalysisSaysSlurmDidNotAnswer() {
        String id = "deadrun" + Long.toString(System.nanoTime() % 46_656L, 36);
        Instant now = Instant.now();
        store.create(new Run(id, "dead", "api", 1, null, RunState.CREATED, 1, 1, false, "admin", now, null, null, 0,
                null, null, null, null), new WorkloadPlan("api", 1, List.of()));
        assertThat(store.start(id, now, 8, 0)).isTrue();
        try {
            TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
            TestHttp.Response page = admin.get("/workloads/runs/" + id + "/analysis", "Accept-Language", "en");
            assertThat(page.status()).as(page.body()).isEqualTo(200);
            assertThat(page.body()).contains("id=\"analysis-not-fresh\"")
                    .contains("Slurm on cluster dead did not answer just now");
            TestHttp.Response zh = admin.get("/workloads/runs/" + id + "/analysis", "Accept-Language", "zh-CN");
            assertThat(zh.body()).contains("集群 dead 的 Slurm 刚才没有应答");
            TestHttp.Response api = admin.get("/api/v1/workloads/runs/" + id + "/analysis");
            assertThat(api.status()).as(api.body()).isEqualTo(200);
            assertThat(api.json().path("fresh").asBoolean(true)).as(api.body()).isFalse();
            assertThat(api.json().path("complete").asBoolean(true)).isFalse();
        } finally {
            store.delete(id);
        }
    }
}
