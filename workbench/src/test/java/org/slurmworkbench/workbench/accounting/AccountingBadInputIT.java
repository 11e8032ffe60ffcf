package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

/**
 * Bad filters, group-bys, ranges and injection attempts on both accounting endpoints, as JSON and as CSV: every one
 * is a 400 problem naming the offending parameter, never a 5xx; odd but valid values give correct empty results.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountingBadInputIT {

    @LocalServerPort
    int port;

    TestHttp admin;

    @BeforeEach
    void setUp() {
        admin = new TestHttp(port).basic("admin", "admin-test-password");
    }

    static Stream<Arguments> badQueries() {
        return Stream.of(
                Arguments.of("usage", "from=2026-11-20&to=2026-11-10", "to"),
                Arguments.of("usage", "from=2026-11-10&to=2026-11-10", "to"),
                Arguments.of("usage", "from=1900-01-01&to=2026-01-01", "from"),
                Arguments.of("usage", "from=2000-01-01&to=2026-01-01", "from"),
                Arguments.of("usage", "from=yesterday", "from"),
                Arguments.of("usage", "from=2026-13-45", "from"),
                Arguments.of("usage", "to=2026-11-27T25:00:00Z", "to"),
                Arguments.of("usage", "from=2026-11-01&from=2026-11-02", "from"),
                Arguments.of("usage", "groupBy=user,colour", "groupBy"),
                Arguments.of("usage", "groupBy=user,user", "groupBy"),
                Arguments.of("usage", "groupBy=user_name", "groupBy"),
                Arguments.of("usage", "groupBy=user;DROP TABLE acct_job", "groupBy"),
                Arguments.of("usage", "groupBy=(SELECT 1)", "groupBy"),
                Arguments.of("usage", "period=year", "period"),
                Arguments.of("usage", "period=day&from=2020-01-01&to=2026-01-01", "period"),
                Arguments.of("usage", "metrics=cpuHours,sum(cpu_seconds)", "metrics"),
                Arguments.of("usage", "metrics=bogus", "metrics"),
                Arguments.of("usage", "sort=cpu_seconds; DELETE FROM users", "sort"),
                Arguments.of("usage", "sort=user", "sort"),
                Arguments.of("usage", "sort=period", "sort"),
                Arguments.of("usage", "users=alice' OR '1'='1", "users"),
                Arguments.of("usage", "accounts=physics%22%29%3B--", "accounts"),
                Arguments.of("usage", "partitions=cpu%00", "partitions"),
                Arguments.of("usage", "qos=" + "q".repeat(65), "qos"),
                Arguments.of("usage", "states=DONE", "states"),
                Arguments.of("usage", "states=COMPLETED,1%3D1", "states"),
                Arguments.of("usage", "cluster=nope", "cluster"),
                Arguments.of("usage", "cluster=lab2205' --", "cluster"),
                Arguments.of("usage", "grupBy=user", "grupBy"),
                Arguments.of("usage", "page=0", "page"),
                Arguments.of("usage", "page=abc", "page"),
                Arguments.of("usage", "size=100000", "size"),
                Arguments.of("usage", "size=-1", "size"),
                Arguments.of("usage", "name=%01evil", "name"),
                Arguments.of("usage", "name=" + "n".repeat(300), "name"),
                Arguments.of("jobs", "from=2026-11-20&to=2026-11-10", "to"),
                Arguments.of("jobs", "sort=job_id DESC", "sort"),
                Arguments.of("jobs", "sort=-1", "sort"),
                Arguments.of("jobs", "jobId=12;34", "jobId"),
                Arguments.of("jobs", "jobId=-5", "jobId"),
                Arguments.of("jobs", "jobId=99999999999999999999", "jobId"),
                Arguments.of("jobs", "groupBy=user", "groupBy"),
                Arguments.of("jobs", "users=*", "users"),
                Arguments.of("jobs", "size=0", "size"));
    }

    @ParameterizedTest(name = "{0}?{1} -> {2}")
    @MethodSource("badQueries")
    void badInputIsA400NamingTheField(String endpoint, String query, String field) {
        for (String accept : new String[] {"application/json", "text/csv"}) {
            TestHttp.Response r = admin.get("/api/v1/accounting/" + endpoint + "?" + query.replace(" ", "%20")
                    .replace("'", "%27").replace(";", "%3B").replace("*", "%2A").replace("(", "%28").replace(")", "%29"), "Accept", accept);
            assertThat(r.status()).as("%s (Accept %s): %s", query, accept, r.body()).isEqualTo(400);
            assertThat(r.header("Content-Type")).as(accept).startsWith("application/problem+json");
            JsonNode problem = r.json();
            assertThat(StreamSupport.stream(problem.path("errors").spliterator(), false).map(e -> e.path("field").asString()))
                    .as("fields of %s", problem).contains(field);
            assertThat(problem.path("detail").asString()).contains(field);
        }
    }

    @Test
    void oddButValidValuesGiveEmptyResultsNotErrors() {
        TestHttp.Response r = admin.get("/api/v1/accounting/usage?users=nobody-here&from=2026-01-01&to=2026-02-01&groupBy=user,qos&period=month");
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        assertThat(r.json().path("rows").size()).isZero();
        TestHttp.Response name = admin.get("/api/v1/accounting/jobs?name=%25%27%22_%5C&from=2026-01-01");
        assertThat(name.status()).as(name.body()).isEqualTo(200);
        assertThat(name.json().path("total").asLong()).isZero();
        TestHttp.Response csv = admin.get("/api/v1/accounting/usage?users=nobody-here&groupBy=user", "Accept", "text/csv");
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body().strip()).isEqualTo("user,jobs,cpuHours,gpuHours,meanWait,meanElapsed,share");
    }

    @Test
    void anonymousCallersAreTurnedAway() {
        assertThat(new TestHttp(port).get("/api/v1/accounting/usage").status()).isEqualTo(401);
    }
}
