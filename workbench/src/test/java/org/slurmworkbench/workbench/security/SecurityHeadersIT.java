package org.slurmworkbench.workbench.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Response headers and session cookies of the running app: the CSP and the other security headers on pages, API
 * answers and errors; HttpOnly/SameSite session cookies, Secure only over HTTPS (never on the word of an unlisted proxy);
 * forwarded headers ignored unless the site lists the proxy; health details for admins only;
 * a new session id at login; and every POST form of every page carrying the CSRF token.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ExtendWith(OutputCaptureExtension.class)
class SecurityHeadersIT {

    static final String CSP = "default-src 'self'; script-src 'self'; object-src 'none'; frame-ancestors 'none'; "
            + "base-uri 'self'; form-action 'self'";
    private static final Pattern POST_FORM = Pattern.compile("<form[^>]*method=\"post\"[^>]*>(.*?)</form>", Pattern.DOTALL);

    @LocalServerPort
    int port;
    @Autowired
    Environment environment;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private static void hasSecurityHeaders(TestHttp.Response r) {
        assertThat(r.header("Content-Security-Policy")).isEqualTo(CSP);
        assertThat(r.header("X-Frame-Options")).isEqualTo("DENY");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Referrer-Policy")).isEqualTo("same-origin");
    }

    @Test
    void pagesApiAnswersAndErrorsCarryTheSecurityHeaders() {
        TestHttp anonymous = new TestHttp(port);
        hasSecurityHeaders(anonymous.get("/login"));
        hasSecurityHeaders(anonymous.get("/api/v1/me"));
        hasSecurityHeaders(anonymous.get("/"));
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        hasSecurityHeaders(admin.get("/api/v1/me"));
        hasSecurityHeaders(admin.get("/api/v1/clusters/no-such-cluster/jobs"));
        assertThat(admin.get("/api/v1/me").header("Strict-Transport-Security")).as("no HSTS over plain HTTP").isNull();
        // Swagger UI alone may use inline styles and data: images (its icons); its scripts and everything else stay strict.
        assertThat(admin.get("/swagger-ui/index.html").header("Content-Security-Policy"))
                .isEqualTo(CSP + "; style-src 'self' 'unsafe-inline'; img-src 'self' data:");
    }

    private static String sessionCookie(TestHttp.Response r) {
        return r.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("SESSION=")).findFirst().orElse(null);
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteAndSecureOnlyOverHttps() {
        String plain = sessionCookie(new TestHttp(port).get("/login"));
        assertThat(plain).contains("HttpOnly").contains("SameSite=Lax").doesNotContain("Secure");

        // Through a proxy the site lists, the cookie is Secure (LoginThrottleIT lists one); by default none is listed.
        TestHttp.Response notListed = new TestHttp(port).get("/login", "X-Forwarded-Proto", "https");
        assertThat(sessionCookie(notListed)).contains("HttpOnly").doesNotContain("Secure");
        assertThat(notListed.header("Strict-Transport-Security")).isNull();
    }

    /**
     * WB-13: X-Forwarded-For, -Host and -Proto are trusted only from proxies the site lists; by default none, not
     * even 127.0.0.1, so a local process cannot claim another address (and dodge the per-address login limit) or
     * have a host of its choice put in redirects.
     */
    @Test
    void forwardedHeadersFromAnUnlistedProxyAreIgnored(CapturedOutput output) {
        String user = "nobody-" + Long.toString(System.nanoTime(), 36);
        TestHttp.Response failed = new TestHttp(port).basic(user, "wrong-password")
                .get("/api/v1/me", "X-Forwarded-For", "10.66.6.6");
        assertThat(failed.status()).isEqualTo(401);
        assertThat(output.getAll()).contains("Login failed for user '" + user + "' from 127.0.0.1")
                .doesNotContain("10.66.6.6");
        TestHttp.Response redirect = new TestHttp(port).get("/submit", "X-Forwarded-Host", "evil.example",
                "X-Forwarded-Proto", "https", "X-Forwarded-Port", "443");
        assertThat(redirect.status()).isEqualTo(302);
        assertThat(redirect.header("Location")).doesNotContain("evil.example").doesNotStartWith("https:");
    }

    /** WB-13: health details (store versions, disk paths) only for admins; users and anonymous see the status. */
    @Test
    void healthDetailsAreForAdminsOnly() {
        String user = org.slurmworkbench.workbench.TestUsers.ensure(jdbc, passwords, "alice");
        for (TestHttp who : List.of(new TestHttp(port), new TestHttp(port).basic(user,
                org.slurmworkbench.workbench.TestUsers.PASSWORD))) {
            TestHttp.Response health = who.get("/actuator/health");
            assertThat(health.status()).isIn(200, 503);
            assertThat(health.json().path("status").asString()).isNotEmpty();
            assertThat(health.body()).as("no details").doesNotContain("\"details\"").doesNotContain("version");
        }
        TestHttp.Response admin = new TestHttp(port).basic("admin", "admin-test-password").get("/actuator/health");
        assertThat(admin.body()).contains("\"details\"");
    }

    @Test
    void loggingInGivesANewSessionIdAndTheSessionTimeoutIsApplied() {
        TestHttp browser = new TestHttp(port);
        String before = sessionCookie(browser.get("/login"));
        assertThat(before).isNotNull();
        TestHttp.Response login = browser.formLogin("admin", "admin-test-password");
        assertThat(login.status()).isEqualTo(302);
        String after = sessionCookie(login);
        assertThat(after).as("session fixation: the id changes at login").isNotNull();
        assertThat(id(after)).isNotEqualTo(id(before));
        assertThat(browser.get("/api/v1/me").status()).isEqualTo(200);
        assertThat(environment.getProperty("server.servlet.session.timeout")).as("idle sessions end").isEqualTo("30m");
    }

    private static String id(String cookie) {
        return cookie.substring("SESSION=".length(), cookie.indexOf(';'));
    }

    @Test
    void everyPostFormOfEveryPageCarriesTheCsrfToken() {
        TestHttp anonymous = new TestHttp(port);
        List<String> pages = List.of("/", "/submit", "/submit/jobs", "/accounting", "/admin/users");
        int forms = checkForms(anonymous.get("/login").body(), "/login");
        TestHttp admin = new TestHttp(port);
        admin.formLogin("admin", "admin-test-password");
        for (String page : pages) {
            TestHttp.Response r = admin.get(page);
            assertThat(r.status()).as(page).isEqualTo(200);
            assertThat(r.body()).as(page + " has the token for htmx").contains("<meta name=\"csrf-token\"");
            forms += checkForms(r.body(), page);
        }
        assertThat(forms).as("login, logout on each page, add user, submit form").isGreaterThanOrEqualTo(pages.size() + 3);
    }

    private static int checkForms(String html, String page) {
        Matcher m = POST_FORM.matcher(html);
        int n = 0;
        while (m.find()) {
            assertThat(m.group(1)).as("a POST form on " + page + ": " + m.group().substring(0, Math.min(120, m.group().length())))
                    .containsPattern("name=\"_csrf\"[^>]*value=\"[^\"]+\"");
            n++;
        }
        return n;
    }
}
