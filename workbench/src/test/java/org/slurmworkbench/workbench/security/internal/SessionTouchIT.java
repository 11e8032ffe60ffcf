package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Requests of a busy session only read it from MariaDB: its stored last-access time stays put for a minute of requests,
 * and moves (with the expiry) on the first request once it is older than that, so an active session never expires;
 * and requests of a fresh session at once all answer (each stores the session's CSRF token).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SessionTouchIT {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;

    @Test
    void requestsReadTheSessionAndMoveItsTimeOncePerMinute() {
        TestHttp browser = new TestHttp(port);
        assertThat(browser.formLogin("admin", "admin-test-password").header("Location")).doesNotContain("error");
        String id = jdbc.sql("SELECT PRIMARY_ID FROM SPRING_SESSION WHERE PRINCIPAL_NAME = 'admin' ORDER BY CREATION_TIME DESC LIMIT 1")
                .query(String.class).single();
        long[] before = times(id);
        for (int i = 0; i < 5; i++) {
            assertThat(browser.get("/workloads").status()).isEqualTo(200);
        }
        assertThat(times(id)).as("last access and expiry after 5 requests within the minute").containsExactly(before);

        // the stored time is two minutes old: the next request moves it, and the expiry with it
        jdbc.sql("UPDATE SPRING_SESSION SET LAST_ACCESS_TIME = LAST_ACCESS_TIME - 120000, EXPIRY_TIME = EXPIRY_TIME - 120000 WHERE PRIMARY_ID = ?")
                .param(id).update();
        long requested = System.currentTimeMillis();
        assertThat(browser.get("/workloads").status()).isEqualTo(200);
        long[] after = times(id);
        assertThat(after[0]).as("last access moved to the request").isGreaterThanOrEqualTo(requested - 1000);
        assertThat(after[1] - after[0]).as("expiry follows it").isEqualTo(before[1] - before[0]);
    }

    /** A page and its fragments, or several tabs, right after a login each store the session's CSRF token: all answer. */
    @Test
    void requestsOfAFreshSessionAtOnceAllAnswer() throws Exception {
        for (int round = 0; round < 3; round++) {
            TestHttp browser = new TestHttp(port);
            assertThat(browser.formLogin("admin", "admin-test-password").header("Location")).doesNotContain("error");
            List<Future<Integer>> pages = new ArrayList<>();
            try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
                for (int i = 0; i < 8; i++) {
                    pages.add(pool.submit(() -> browser.get("/workloads").status()));
                }
            }
            for (Future<Integer> page : pages) {
                assertThat(page.get()).as("round %d", round).isEqualTo(200);
            }
        }
    }

    private long[] times(String id) {
        return jdbc.sql("SELECT LAST_ACCESS_TIME, EXPIRY_TIME FROM SPRING_SESSION WHERE PRIMARY_ID = ?").param(id)
                .query((rs, n) -> new long[]{rs.getLong(1), rs.getLong(2)}).single();
    }
}
