package org.slurmworkbench.workbench.security.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * HTTP basic against the running app: the second request with the same right password is answered from memory, a
 * wrong one never is (401, and the right one still works after it).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class RememberedLoginsIT {

    @LocalServerPort
    int port;
    @Autowired
    SiteLogins siteLogins;

    @Test
    void basicLoginsAreRememberedOnlyWithTheRightPassword() {
        RememberedLogins logins = siteLogins.localLogins();
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        assertThat(admin.get("/api/v1/clusters").status()).isEqualTo(200);
        long hits = logins.hits();
        assertThat(admin.get("/api/v1/clusters").status()).isEqualTo(200);
        assertThat(logins.hits()).as("answered from memory").isEqualTo(hits + 1);

        TestHttp.Response wrong = new TestHttp(port).basic("admin", "admin-test-passwore").get("/api/v1/clusters");
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(logins.hits()).as("a wrong password is never answered from memory").isEqualTo(hits + 1);
        assertThat(admin.get("/api/v1/clusters").status()).isEqualTo(200);
        assertThat(logins.hits()).isEqualTo(hits + 2);
    }
}
