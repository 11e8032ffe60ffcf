package org.slurmworkbench.workbench.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Who may do what, as one table run against the real app and the first lab release: each role (anonymous, alice,
 * carol of another account, bob as coordinator of alice's account physics, admin) against each sensitive action.
 * Every row gets a fresh pending job of alice's (waiting on a held job, so it stays put) where it needs one, and
 * checks the answer's status and what Slurm shows afterwards ({@code scontrol show job}, {@code squeue -n}): a
 * refused row must leave the job exactly as it was and submit nothing; an allowed one must have its effect.
 * Add a row to {@link #rows()} for each new sensitive action.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"workbench.security.coordinator-ttl=1s", "workbench.metrics.token=" + AccessMatrixIT.METRICS_TOKEN})
class AccessMatrixIT {

    static final String METRICS_TOKEN = "am-scrape-token-0123456789";
    static final String RUN = "wb6-am-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    static LabCluster lab;
    /** The newest release: its REST API offers fairshare ({cs} in a row's path). */
    static LabCluster shares;
    static long anchor;
    /** A workload run the admin created (never started), for the workload rows. */
    static String workloadRun;
    /** A saved job template of alice's, shared into physics, for the template rows. */
    static long template;
    static final List<Long> SUBMITTED = new java.util.concurrent.CopyOnWriteArrayList<>();

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    final Map<String, TestHttp> as = new HashMap<>();

    /** What Slurm must show after the call. */
    enum Effect {
        NONE, HELD, CANCELLED, SUBMITTED_AS_ALICE,
        /** Nothing changes; the scheduler answer lists RPCs by user (admins) or leaves them out. */
        RPC_USERS_SHOWN, RPC_USERS_HIDDEN,
        /**
         * Nothing changes; the fairshare tree lists every user (admins), the caller's own user row only (users), or also
         * the users of the accounts the caller coordinates (bob: alice and bob of physics), never carol's for them.
         */
        FAIRSHARE_ALL, FAIRSHARE_OWN, FAIRSHARE_COORDINATED,
        /** Nothing changes; the answer shows the target job with its paths, without them, or not at all. */
        SHOWN_WITH_PATHS, SHOWN_WITHOUT_PATHS, NOT_SHOWN
    }

    enum Kind { GET, DELETE, POST_JSON, PATCH_JSON, PUT_JSON, SESSION_FORM, SESSION_FORM_NO_CSRF, SESSION_API, SESSION_API_NO_CSRF, OLD_SESSION_GET, OLD_SESSION_FORM }

    /**
     * One case: {@code who} sends {@code kind} to {@code path} ({c} = cluster, {id} = a fresh job of alice's,
     * {name} = a job name only this row uses) and must get {@code status}, then Slurm must show {@code effect}.
     */
    record Row(String who, String action, Kind kind, String path, String body, int status, Effect effect) {
        @Override
        public String toString() {
            return who + " " + action + " -> " + status + (effect == Effect.NONE ? "" : ", " + effect);
        }
    }

    private static final String JOBS = "/api/v1/clusters/{c}/jobs";
    private static final String SPEC = "{\"name\": \"{name}\", \"script\": \"#!/bin/bash\\ntrue\\n\", \"timeLimit\": \"1\", \"user\": \"alice\"}";

    static Stream<Named<Row>> rows() {
        List<Row> r = new ArrayList<>();
        // See another user's job (API and page).
        r.add(new Row("anonymous", "view alice's job", Kind.GET, JOBS + "/{id}", null, 401, Effect.NONE));
        r.add(new Row("alice", "view her own job", Kind.GET, JOBS + "/{id}", null, 200, Effect.NONE));
        r.add(new Row("carol", "view alice's job", Kind.GET, JOBS + "/{id}", null, 404, Effect.NONE));
        r.add(new Row("bob", "view alice's job (coordinator)", Kind.GET, JOBS + "/{id}", null, 200, Effect.NONE));
        r.add(new Row("admin", "view alice's job", Kind.GET, JOBS + "/{id}", null, 200, Effect.NONE));
        r.add(new Row("anonymous", "open alice's job page", Kind.GET, "/submit/jobs/{c}/{id}", null, 302, Effect.NONE));
        r.add(new Row("carol", "open alice's job page", Kind.GET, "/submit/jobs/{c}/{id}", null, 404, Effect.NONE));
        r.add(new Row("bob", "open alice's job page (coordinator)", Kind.GET, "/submit/jobs/{c}/{id}", null, 200, Effect.NONE));
        // Who sees a job and its paths (visible-jobs: accounts, the lab's): job record, page, its detail and the queue.
        String queue = "/api/v1/clusters/{c}/queue?state=all&name={name}-t";
        r.add(new Row("alice", "view her own job with its paths", Kind.GET, JOBS + "/{id}", null, 200, Effect.SHOWN_WITH_PATHS));
        r.add(new Row("bob", "view alice's job without its paths (coordinator)", Kind.GET, JOBS + "/{id}", null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("admin", "view alice's job with its paths", Kind.GET, JOBS + "/{id}", null, 200, Effect.SHOWN_WITH_PATHS));
        r.add(new Row("bob", "open alice's job page without its paths (coordinator)", Kind.GET, "/submit/jobs/{c}/{id}", null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("admin", "open alice's job page with its paths", Kind.GET, "/submit/jobs/{c}/{id}", null, 200, Effect.SHOWN_WITH_PATHS));
        r.add(new Row("carol", "read alice's job detail (another account)", Kind.GET, "/submit/jobs/{c}/{id}/detail", null, 404, Effect.NONE));
        r.add(new Row("bob", "read alice's job detail without its paths (coordinator)", Kind.GET, "/submit/jobs/{c}/{id}/detail", null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("anonymous", "read the queue", Kind.GET, queue, null, 401, Effect.NONE));
        r.add(new Row("alice", "find her job in the queue with its paths", Kind.GET, queue, null, 200, Effect.SHOWN_WITH_PATHS));
        r.add(new Row("bob", "find alice's job in the queue without its paths (coordinator)", Kind.GET, queue, null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("bob", "find alice's job in the queue of his account (coordinator)", Kind.GET, queue + "&account=physics", null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("carol", "find alice's job in the queue (another account)", Kind.GET, queue, null, 200, Effect.NOT_SHOWN));
        r.add(new Row("carol", "find alice's job in the queue by her user (another account)", Kind.GET, queue + "&user=alice", null, 200, Effect.NOT_SHOWN));
        r.add(new Row("admin", "find alice's job in the queue with its paths", Kind.GET, queue, null, 200, Effect.SHOWN_WITH_PATHS));
        r.add(new Row("anonymous", "open the queue page", Kind.GET, "/jobs?state=all&name={name}-t", null, 302, Effect.NONE));
        r.add(new Row("carol", "open the queue page (another account)", Kind.GET, "/jobs?state=all&name={name}-t", null, 200, Effect.NOT_SHOWN));
        r.add(new Row("carol", "read the queue table (another account)", Kind.GET, "/jobs/table?state=all&name={name}-t", null, 200, Effect.NOT_SHOWN));
        r.add(new Row("bob", "open the queue page without paths (coordinator)", Kind.GET, "/jobs?state=all&name={name}-t", null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("admin", "open the queue page", Kind.GET, "/jobs?state=all&name={name}-t", null, 200, Effect.SHOWN_WITHOUT_PATHS));
        r.add(new Row("alice", "search the header for a bad job id", Kind.GET, "/jobs/find?id=12x", null, 400, Effect.NONE));
        // Read a job's script: its owner and admins only, not a coordinator.
        r.add(new Row("anonymous", "read alice's job script", Kind.GET, JOBS + "/{id}/script", null, 401, Effect.NONE));
        r.add(new Row("alice", "read her own job script", Kind.GET, JOBS + "/{id}/script", null, 200, Effect.NONE));
        r.add(new Row("carol", "read alice's job script", Kind.GET, JOBS + "/{id}/script", null, 404, Effect.NONE));
        r.add(new Row("bob", "read alice's job script (coordinator)", Kind.GET, JOBS + "/{id}/script", null, 404, Effect.NONE));
        r.add(new Row("admin", "read alice's job script", Kind.GET, JOBS + "/{id}/script", null, 200, Effect.NONE));
        // List another user's jobs.
        r.add(new Row("anonymous", "list alice's jobs", Kind.GET, JOBS + "?user=alice", null, 401, Effect.NONE));
        r.add(new Row("carol", "list alice's jobs", Kind.GET, JOBS + "?user=alice", null, 403, Effect.NONE));
        r.add(new Row("bob", "list alice's jobs (coordinator)", Kind.GET, JOBS + "?user=alice", null, 200, Effect.NONE));
        r.add(new Row("admin", "list alice's jobs", Kind.GET, JOBS + "?user=alice", null, 200, Effect.NONE));
        // Cancel another user's job.
        r.add(new Row("anonymous", "cancel alice's job", Kind.DELETE, JOBS + "/{id}", null, 401, Effect.NONE));
        r.add(new Row("carol", "cancel alice's job", Kind.DELETE, JOBS + "/{id}", null, 404, Effect.NONE));
        r.add(new Row("bob", "cancel alice's job (coordinator)", Kind.DELETE, JOBS + "/{id}", null, 204, Effect.CANCELLED));
        r.add(new Row("admin", "cancel alice's job", Kind.DELETE, JOBS + "/{id}", null, 204, Effect.CANCELLED));
        r.add(new Row("alice", "cancel her own job", Kind.DELETE, JOBS + "/{id}", null, 204, Effect.CANCELLED));
        // Hold another user's job.
        r.add(new Row("anonymous", "hold alice's job", Kind.POST_JSON, JOBS + "/{id}/hold", "", 401, Effect.NONE));
        r.add(new Row("carol", "hold alice's job", Kind.POST_JSON, JOBS + "/{id}/hold", "", 404, Effect.NONE));
        r.add(new Row("bob", "hold alice's job (coordinator)", Kind.POST_JSON, JOBS + "/{id}/hold", "", 204, Effect.HELD));
        r.add(new Row("admin", "hold alice's job", Kind.POST_JSON, JOBS + "/{id}/hold", "", 204, Effect.HELD));
        r.add(new Row("carol", "cancel alice's job from the page", Kind.SESSION_FORM, "/submit/jobs/{c}/{id}/cancel", null, 404, Effect.NONE));
        // Another account's accounting: jobs, usage, CSV.
        r.add(new Row("anonymous", "read alice's accounting jobs", Kind.GET, "/api/v1/accounting/jobs?users=alice", null, 401, Effect.NONE));
        r.add(new Row("alice", "read her own accounting jobs", Kind.GET, "/api/v1/accounting/jobs?users=alice", null, 200, Effect.NONE));
        r.add(new Row("carol", "read alice's accounting jobs", Kind.GET, "/api/v1/accounting/jobs?users=alice", null, 403, Effect.NONE));
        r.add(new Row("bob", "read alice's accounting jobs (coordinator)", Kind.GET, "/api/v1/accounting/jobs?users=alice", null, 200, Effect.NONE));
        r.add(new Row("admin", "read alice's accounting jobs", Kind.GET, "/api/v1/accounting/jobs?users=alice", null, 200, Effect.NONE));
        r.add(new Row("anonymous", "read physics usage", Kind.GET, "/api/v1/accounting/usage?accounts=physics&groupBy=user", null, 401, Effect.NONE));
        r.add(new Row("carol", "read physics usage", Kind.GET, "/api/v1/accounting/usage?accounts=physics&groupBy=user", null, 403, Effect.NONE));
        r.add(new Row("bob", "read physics usage (coordinator)", Kind.GET, "/api/v1/accounting/usage?accounts=physics&groupBy=user", null, 200, Effect.NONE));
        r.add(new Row("admin", "read physics usage", Kind.GET, "/api/v1/accounting/usage?accounts=physics&groupBy=user", null, 200, Effect.NONE));
        r.add(new Row("bob", "read chemistry usage (not coordinated)", Kind.GET, "/api/v1/accounting/usage?accounts=chemistry", null, 403, Effect.NONE));
        r.add(new Row("bob", "read carol's accounting jobs (not coordinated)", Kind.GET, "/api/v1/accounting/jobs?users=carol", null, 403, Effect.NONE));
        r.add(new Row("anonymous", "download alice's jobs CSV", Kind.GET, "/api/v1/accounting/jobs.csv?users=alice", null, 401, Effect.NONE));
        r.add(new Row("carol", "download alice's jobs CSV", Kind.GET, "/api/v1/accounting/jobs.csv?users=alice", null, 403, Effect.NONE));
        r.add(new Row("bob", "download alice's jobs CSV (coordinator)", Kind.GET, "/api/v1/accounting/jobs.csv?users=alice", null, 200, Effect.NONE));
        r.add(new Row("admin", "download alice's jobs CSV", Kind.GET, "/api/v1/accounting/jobs.csv?users=alice", null, 200, Effect.NONE));
        // Submit as another user.
        r.add(new Row("anonymous", "submit as alice", Kind.POST_JSON, JOBS, SPEC, 401, Effect.NONE));
        r.add(new Row("carol", "submit as alice", Kind.POST_JSON, JOBS, SPEC, 400, Effect.NONE));
        r.add(new Row("bob", "submit as alice (coordinators may not)", Kind.POST_JSON, JOBS, SPEC, 400, Effect.NONE));
        r.add(new Row("admin", "submit as alice (a configured test user)", Kind.POST_JSON, JOBS, SPEC, 201, Effect.SUBMITTED_AS_ALICE));
        // User administration and the admin-only actuator.
        r.add(new Row("anonymous", "list workbench users", Kind.GET, "/api/v1/users", null, 401, Effect.NONE));
        r.add(new Row("alice", "list workbench users", Kind.GET, "/api/v1/users", null, 403, Effect.NONE));
        r.add(new Row("bob", "list workbench users", Kind.GET, "/api/v1/users", null, 403, Effect.NONE));
        r.add(new Row("admin", "list workbench users", Kind.GET, "/api/v1/users", null, 200, Effect.NONE));
        r.add(new Row("alice", "add a workbench admin", Kind.POST_JSON, "/api/v1/users",
                "{\"username\": \"{name}\", \"password\": \"a-long-password\", \"role\": \"ADMIN\", \"slurmUser\": \"alice\"}", 403, Effect.NONE));
        r.add(new Row("bob", "add a workbench admin", Kind.POST_JSON, "/api/v1/users",
                "{\"username\": \"{name}\", \"password\": \"a-long-password\", \"role\": \"ADMIN\", \"slurmUser\": \"bob\"}", 403, Effect.NONE));
        // Changing users (WB-11): admins only; an admin not on themself (the last admin: UserChangesTest).
        String aliceUser = "/api/v1/users/wb3-alice";
        r.add(new Row("anonymous", "delete a workbench user", Kind.DELETE, aliceUser, null, 401, Effect.NONE));
        r.add(new Row("carol", "delete a workbench user", Kind.DELETE, aliceUser, null, 403, Effect.NONE));
        r.add(new Row("alice", "make herself an admin", Kind.PATCH_JSON, aliceUser, "{\"role\": \"ADMIN\"}", 403, Effect.NONE));
        r.add(new Row("bob", "disable a workbench user (coordinators may not)", Kind.PATCH_JSON, aliceUser, "{\"enabled\": false}", 403, Effect.NONE));
        r.add(new Row("carol", "map a workbench user to another Slurm user", Kind.PATCH_JSON, aliceUser, "{\"slurmUser\": \"carol\"}", 403, Effect.NONE));
        r.add(new Row("bob", "reset a workbench user's password", Kind.POST_JSON, aliceUser + "/password", "{}", 403, Effect.NONE));
        r.add(new Row("carol", "unlock a login name", Kind.DELETE, aliceUser + "/login-failures", null, 403, Effect.NONE));
        r.add(new Row("carol", "delete a user from the admin page", Kind.SESSION_FORM, "/admin/users/wb3-alice/delete", null, 403, Effect.NONE));
        r.add(new Row("admin", "delete themself", Kind.DELETE, "/api/v1/users/admin", null, 409, Effect.NONE));
        r.add(new Row("admin", "take away their own admin role", Kind.PATCH_JSON, "/api/v1/users/admin", "{\"role\": \"USER\"}", 409, Effect.NONE));
        r.add(new Row("admin", "disable themself", Kind.PATCH_JSON, "/api/v1/users/admin", "{\"enabled\": false}", 409, Effect.NONE));
        r.add(new Row("admin", "map a user to a Slurm user slurmdbd does not know", Kind.PATCH_JSON, aliceUser, "{\"slurmUser\": \"nobody-am\"}", 400, Effect.NONE));
        r.add(new Row("anonymous", "open the user admin page", Kind.GET, "/admin/users", null, 302, Effect.NONE));
        r.add(new Row("carol", "open the user admin page", Kind.GET, "/admin/users", null, 403, Effect.NONE));
        r.add(new Row("anonymous", "read actuator info", Kind.GET, "/actuator/info", null, 302, Effect.NONE));
        r.add(new Row("alice", "read actuator info", Kind.GET, "/actuator/info", null, 403, Effect.NONE));
        r.add(new Row("admin", "read actuator info", Kind.GET, "/actuator/info", null, 200, Effect.NONE));
        // CSRF: alice's own job, so only the missing token can be the reason for a refusal.
        r.add(new Row("alice", "cancel her job from the page without CSRF token", Kind.SESSION_FORM_NO_CSRF, "/submit/jobs/{c}/{id}/cancel", null, 403, Effect.NONE));
        r.add(new Row("alice", "cancel her job from the page with the token", Kind.SESSION_FORM, "/submit/jobs/{c}/{id}/cancel", null, 302, Effect.CANCELLED));
        r.add(new Row("alice", "hold her job by session API without CSRF header", Kind.SESSION_API_NO_CSRF, JOBS + "/{id}/hold", null, 403, Effect.NONE));
        r.add(new Row("alice", "hold her job by session API with the header", Kind.SESSION_API, JOBS + "/{id}/hold", null, 204, Effect.HELD));
        // An invalidated (logged-out) session: its cookie and token are worth nothing.
        r.add(new Row("alice", "view her job with a logged-out session", Kind.OLD_SESSION_GET, JOBS + "/{id}", null, 401, Effect.NONE));
        r.add(new Row("alice", "cancel her job from the page with a logged-out session", Kind.OLD_SESSION_FORM, "/submit/jobs/{c}/{id}/cancel", null, 401, Effect.NONE));
        r.add(new Row("alice", "open her jobs page with a logged-out session", Kind.OLD_SESSION_GET, "/submit/jobs", null, 302, Effect.NONE));
        // QOS edits and the audit log (admins only); every refused row also leaves the gpu QOS and the QOS list as they were.
        String raise = "{\"maxTresPerUser\": \"gres/gpu=3\"}";
        String create = "{\"name\": \"{name}\", \"maxTresPerUser\": \"gres/gpu=1\"}";
        r.add(new Row("anonymous", "raise the gpu QOS limit", Kind.PATCH_JSON, "/api/v1/clusters/{c}/qos/gpu", raise, 401, Effect.NONE));
        r.add(new Row("alice", "raise the gpu QOS limit", Kind.PATCH_JSON, "/api/v1/clusters/{c}/qos/gpu", raise, 403, Effect.NONE));
        r.add(new Row("bob", "raise the gpu QOS limit (coordinators may not)", Kind.PATCH_JSON, "/api/v1/clusters/{c}/qos/gpu", raise, 403, Effect.NONE));
        r.add(new Row("alice", "create a QOS", Kind.POST_JSON, "/api/v1/clusters/{c}/qos", create, 403, Effect.NONE));
        r.add(new Row("bob", "create a QOS (coordinators may not)", Kind.POST_JSON, "/api/v1/clusters/{c}/qos", create, 403, Effect.NONE));
        r.add(new Row("alice", "raise the gpu QOS limit from the page without CSRF token", Kind.SESSION_FORM_NO_CSRF, "/qos/apply", null, 403, Effect.NONE));
        r.add(new Row("carol", "read the QOS audit log", Kind.GET, "/api/v1/qos/audit", null, 403, Effect.NONE));
        r.add(new Row("admin", "read the QOS audit log", Kind.GET, "/api/v1/qos/audit", null, 200, Effect.NONE));
        // Nodes and reservations: everyone logged in sees them; drain and resume are for admins (a refused row drains nothing).
        String nodes = "/api/v1/clusters/{c}/nodes";
        r.add(new Row("anonymous", "list nodes", Kind.GET, nodes, null, 401, Effect.NONE));
        r.add(new Row("alice", "list nodes", Kind.GET, nodes, null, 200, Effect.NONE));
        r.add(new Row("carol", "view a node", Kind.GET, nodes + "/c1", null, 200, Effect.NONE));
        r.add(new Row("anonymous", "drain a node", Kind.POST_JSON, nodes + "/c1/drain", "{\"reason\": \"{name}\"}", 401, Effect.NONE));
        r.add(new Row("alice", "drain a node", Kind.POST_JSON, nodes + "/c1/drain", "{\"reason\": \"{name}\"}", 403, Effect.NONE));
        r.add(new Row("bob", "drain a node (coordinators may not)", Kind.POST_JSON, nodes + "/c1/drain", "{\"reason\": \"{name}\"}", 403, Effect.NONE));
        r.add(new Row("alice", "resume a node", Kind.POST_JSON, nodes + "/c1/resume", "", 403, Effect.NONE));
        r.add(new Row("alice", "drain a node from the page", Kind.SESSION_FORM, "/nodes/{c}/c1/drain", null, 403, Effect.NONE));
        r.add(new Row("anonymous", "open the node list", Kind.GET, "/nodes?cluster={c}", null, 302, Effect.NONE));
        r.add(new Row("anonymous", "open a node page", Kind.GET, "/nodes/{c}/c1", null, 302, Effect.NONE));
        r.add(new Row("alice", "open a node page", Kind.GET, "/nodes/{c}/c1", null, 200, Effect.NONE));
        r.add(new Row("anonymous", "list reservations", Kind.GET, "/api/v1/clusters/{c}/reservations", null, 401, Effect.NONE));
        r.add(new Row("carol", "list reservations", Kind.GET, "/api/v1/clusters/{c}/reservations", null, 200, Effect.NONE));
        r.add(new Row("carol", "open the reservations page", Kind.GET, "/reservations?cluster={c}", null, 200, Effect.NONE));
        // Creating and deleting reservations: admins only, refused before anything reaches Slurm ({c} is 22.05, whose
        // REST API cannot: an admin gets 501 there, and nothing is created either way).
        String res = "/api/v1/clusters/{c}/reservations";
        String resBody = "{\"name\": \"{name}\", \"duration\": 10, \"nodes\": \"c1\", \"users\": [\"root\"], \"flags\": [\"MAINT\"]}";
        r.add(new Row("anonymous", "create a reservation", Kind.POST_JSON, res, resBody, 401, Effect.NONE));
        r.add(new Row("alice", "create a reservation", Kind.POST_JSON, res, resBody, 403, Effect.NONE));
        r.add(new Row("bob", "create a reservation (coordinators may not)", Kind.POST_JSON, res, resBody, 403, Effect.NONE));
        r.add(new Row("alice", "delete a reservation", Kind.DELETE, res + "/{name}", null, 403, Effect.NONE));
        r.add(new Row("alice", "create a reservation from the page", Kind.SESSION_FORM, "/reservations/{c}", null, 403, Effect.NONE));
        r.add(new Row("alice", "delete a reservation from the page", Kind.SESSION_FORM, "/reservations/{c}/{name}/delete", null, 403, Effect.NONE));
        r.add(new Row("admin", "create a reservation where the REST API cannot", Kind.POST_JSON, res, resBody, 501, Effect.NONE));
        // Workload runs, their analyses and comparisons: admins (and the run's creator) only; {run} is a run the admin made.
        String run = "/api/v1/workloads/runs/{run}";
        for (String[] route : new String[][]{{"read a workload run", run}, {"read a run's analysis", run + "/analysis"},
                {"download a run's analysis CSV", run + "/analysis.csv"}, {"compare runs", "/api/v1/workloads/compare?a={run}&b={run}"},
                {"open a run's page", "/workloads/runs/{run}"}, {"read a run's progress card", "/workloads/runs/{run}/progress"},
                {"open a run's analysis page", "/workloads/runs/{run}/analysis"}, {"open the comparison page", "/workloads/compare?a={run}&b={run}"}}) {
            boolean api = route[1].startsWith("/api/");
            r.add(new Row("anonymous", route[0], Kind.GET, route[1], null, api ? 401 : 302, Effect.NONE));
            r.add(new Row("carol", route[0], Kind.GET, route[1], null, 404, Effect.NONE));
            r.add(new Row("bob", route[0] + " (coordinator)", Kind.GET, route[1], null, 404, Effect.NONE));
            // WB-11: {run} compared with itself is refused (400 naming b), but only after access is checked (404 above)
            r.add(new Row("admin", route[0], Kind.GET, route[1], null, route[1].contains("compare") ? 400 : 200, Effect.NONE));
        }
        // Saved job templates ({tpl}: alice's, shared into physics): renamed or deleted by their owner or an admin only;
        // bob of that account sees it but may change it no more than carol (404: no such template of theirs).
        for (String who : List.of("carol", "bob")) {
            r.add(new Row(who, "rename alice's saved template", Kind.SESSION_FORM, "/submit/templates/{tpl}/rename?templateName={name}",
                    null, 404, Effect.NONE));
            r.add(new Row(who, "delete alice's saved template", Kind.SESSION_FORM, "/submit/templates/{tpl}/delete", null, 404, Effect.NONE));
        }
        r.add(new Row("alice", "delete her saved template without CSRF token", Kind.SESSION_FORM_NO_CSRF, "/submit/templates/{tpl}/delete",
                null, 403, Effect.NONE));
        // Repeat a run (same plan and seed, a new run created, not started): changing runs is for admins only.
        r.add(new Row("anonymous", "repeat a workload run", Kind.POST_JSON, run + "/repeat", null, 401, Effect.NONE));
        r.add(new Row("carol", "repeat a workload run", Kind.POST_JSON, run + "/repeat", null, 403, Effect.NONE));
        r.add(new Row("bob", "repeat a workload run (coordinator)", Kind.POST_JSON, run + "/repeat", null, 403, Effect.NONE));
        r.add(new Row("carol", "repeat a workload run from its page", Kind.SESSION_FORM, "/workloads/runs/{run}/repeat", null, 403, Effect.NONE));
        r.add(new Row("admin", "repeat a workload run", Kind.POST_JSON, run + "/repeat", null, 201, Effect.NONE));
        r.add(new Row("carol", "list workload runs (none of hers)", Kind.GET, "/api/v1/workloads/runs", null, 403, Effect.NONE));
        r.add(new Row("admin", "list workload runs", Kind.GET, "/api/v1/workloads/runs", null, 200, Effect.NONE));
        r.add(new Row("carol", "open the workload runs page", Kind.GET, "/workloads", null, 403, Effect.NONE));
        r.add(new Row("carol", "read the run list card", Kind.GET, "/workloads/fragments/runs", null, 403, Effect.NONE));
        r.add(new Row("admin", "open the workload runs page", Kind.GET, "/workloads", null, 200, Effect.NONE));
        // The scheduler (sdiag): every user sees it, RPCs by user (who loads slurmctld) only admins.
        r.add(new Row("anonymous", "read the scheduler statistics", Kind.GET, "/api/v1/clusters/{c}/scheduler", null, 401, Effect.NONE));
        r.add(new Row("alice", "read the scheduler statistics without RPCs by user", Kind.GET, "/api/v1/clusters/{c}/scheduler", null, 200, Effect.RPC_USERS_HIDDEN));
        r.add(new Row("bob", "read the scheduler statistics without RPCs by user (coordinator)", Kind.GET, "/api/v1/clusters/{c}/scheduler", null, 200, Effect.RPC_USERS_HIDDEN));
        r.add(new Row("admin", "read the scheduler statistics with RPCs by user", Kind.GET, "/api/v1/clusters/{c}/scheduler", null, 200, Effect.RPC_USERS_SHOWN));
        r.add(new Row("anonymous", "read the scheduler history", Kind.GET, "/api/v1/clusters/{c}/scheduler/history", null, 401, Effect.NONE));
        r.add(new Row("carol", "read the scheduler history", Kind.GET, "/api/v1/clusters/{c}/scheduler/history", null, 200, Effect.NONE));
        r.add(new Row("anonymous", "open the scheduler page", Kind.GET, "/scheduler?cluster={c}", null, 302, Effect.NONE));
        r.add(new Row("carol", "open the scheduler page without RPCs by user", Kind.GET, "/scheduler?cluster={c}", null, 200, Effect.RPC_USERS_HIDDEN));
        r.add(new Row("carol", "read the scheduler card without RPCs by user", Kind.GET, "/scheduler/live?cluster={c}", null, 200, Effect.RPC_USERS_HIDDEN));
        r.add(new Row("admin", "open the scheduler page with RPCs by user", Kind.GET, "/scheduler?cluster={c}", null, 200, Effect.RPC_USERS_SHOWN));
        // Fairshare ({cs}: the newest release, whose REST API offers /shares): every account to everyone, users' rows
        // to admins all, to others their own and those of the accounts they coordinate.
        String fairshare = "/api/v1/clusters/{cs}/fairshare";
        r.add(new Row("anonymous", "read the fairshare tree", Kind.GET, fairshare, null, 401, Effect.NONE));
        r.add(new Row("alice", "read the fairshare tree with her own user row only", Kind.GET, fairshare, null, 200, Effect.FAIRSHARE_OWN));
        r.add(new Row("bob", "read the fairshare tree with the users of physics (coordinator)", Kind.GET, fairshare, null, 200, Effect.FAIRSHARE_COORDINATED));
        r.add(new Row("admin", "read the fairshare tree with every user", Kind.GET, fairshare, null, 200, Effect.FAIRSHARE_ALL));
        r.add(new Row("anonymous", "open the fairshare page", Kind.GET, "/fairshare?cluster={cs}", null, 302, Effect.NONE));
        r.add(new Row("alice", "open the fairshare page with her own user row only", Kind.GET, "/fairshare?cluster={cs}", null, 200, Effect.FAIRSHARE_OWN));
        // Cluster gauges for Prometheus: they name users, so the scrape token or an admin; the token opens nothing else.
        String gauges = "/api/v1/metrics";
        r.add(new Row("anonymous", "scrape the cluster gauges", Kind.GET, gauges, null, 401, Effect.NONE));
        r.add(new Row("alice", "scrape the cluster gauges", Kind.GET, gauges, null, 403, Effect.NONE));
        r.add(new Row("bob", "scrape the cluster gauges (coordinator)", Kind.GET, gauges, null, 403, Effect.NONE));
        r.add(new Row("admin", "scrape the cluster gauges", Kind.GET, gauges, null, 200, Effect.NONE));
        r.add(new Row("prometheus", "scrape the cluster gauges with the token", Kind.GET, gauges, null, 200, Effect.NONE));
        r.add(new Row("wrong-token", "scrape the cluster gauges with a wrong token", Kind.GET, gauges, null, 401, Effect.NONE));
        r.add(new Row("prometheus", "read the queue with the scrape token", Kind.GET, queue, null, 401, Effect.NONE));
        r.add(new Row("prometheus", "read the scheduler statistics with the scrape token", Kind.GET, "/api/v1/clusters/{c}/scheduler", null, 401, Effect.NONE));
        // Notification settings: one's own, and admins anyone's; never another user's.
        String notify = "/api/v1/notifications/settings";
        String aliceNotify = notify + "/wb3-alice";
        String mail = "{\"email\": \"x@example.org\"}";
        r.add(new Row("anonymous", "read notification settings", Kind.GET, notify, null, 401, Effect.NONE));
        r.add(new Row("alice", "read her own notification settings", Kind.GET, aliceNotify, null, 200, Effect.NONE));
        r.add(new Row("carol", "read alice's notification settings", Kind.GET, aliceNotify, null, 403, Effect.NONE));
        r.add(new Row("bob", "read alice's notification settings (coordinator)", Kind.GET, aliceNotify, null, 403, Effect.NONE));
        r.add(new Row("admin", "read alice's notification settings", Kind.GET, aliceNotify, null, 200, Effect.NONE));
        r.add(new Row("anonymous", "change alice's notification settings", Kind.PUT_JSON, aliceNotify, mail, 401, Effect.NONE));
        r.add(new Row("carol", "change alice's notification settings", Kind.PUT_JSON, aliceNotify, mail, 403, Effect.NONE));
        r.add(new Row("bob", "change alice's notification settings (coordinator)", Kind.PUT_JSON, aliceNotify, mail, 403, Effect.NONE));
        r.add(new Row("alice", "point her webhook at the loopback", Kind.PUT_JSON, aliceNotify,
                "{\"webhookUrl\": \"http://127.0.0.1:8080/x\"}", 400, Effect.NONE));
        r.add(new Row("anonymous", "open the notification settings page", Kind.GET, "/profile", null, 302, Effect.NONE));
        // -Dwb.access.rows=TEXT runs only the rows whose description contains TEXT (while working on a few).
        String only = System.getProperty("wb.access.rows", "");
        return r.stream().filter(row -> row.toString().contains(only)).map(row -> Named.of(row.toString(), row));
    }

    @BeforeAll
    static void makeBobCoordinatorAndAnAnchorJob() {
        lab = TestLab.present().getFirst();
        shares = TestLab.present().getLast();
        LabShell.run(lab, "sacctmgr", "-i", "add", "coordinator", "account=physics", "names=bob");
        if (shares != lab) {
            LabShell.run(shares, "sacctmgr", "-i", "add", "coordinator", "account=physics", "names=bob");
        }
        assertThat(LabShell.run(lab, "sacctmgr", "-n", "-P", "show", "account", "physics", "withcoord", "format=account,coordinators"))
                .contains("bob");
        qosBefore = qosLines();
    }

    static List<String> qosBefore;

    /** Every QOS of the lab with its limits, as sacctmgr shows them. */
    static List<String> qosLines() {
        return LabShell.lines(lab, "sacctmgr", "-n", "-P", "show", "qos", "format=name,grptres,maxtrespu,maxtrespj,maxjobspu,maxsubmitpu");
    }

    @AfterAll
    static void removeCoordinatorAndJobs() {
        if (lab == null) {
            return;
        }
        LabShell.run(lab, "sacctmgr", "-i", "remove", "coordinator", "account=physics", "names=bob");
        if (shares != null && shares != lab) {
            LabShell.run(shares, "sacctmgr", "-i", "remove", "coordinator", "account=physics", "names=bob");
        }
        for (long id : SUBMITTED) {
            LabShell.run(lab, "scancel", Long.toString(id));
        }
    }

    @BeforeEach
    void clients() {
        as.put("anonymous", new TestHttp(port));
        for (String user : List.of("alice", "bob", "carol")) {
            as.put(user, new TestHttp(port).basic(TestUsers.ensure(jdbc, passwords, user), TestUsers.PASSWORD));
        }
        as.put("admin", new TestHttp(port).basic("admin", "admin-test-password"));
        as.put("prometheus", new TestHttp(port).bearer(METRICS_TOKEN));
        as.put("wrong-token", new TestHttp(port).bearer(METRICS_TOKEN + "x"));
        if (anchor == 0) {
            anchor = submit(RUN + "-anchor", ", \"hold\": true");
        }
        if (template == 0) {
            String owner = TestUsers.ensure(jdbc, passwords, "alice");
            jdbc.sql("INSERT INTO job_templates (owner, name, account, shared, form) VALUES (?, ?, 'physics', TRUE, '{}')")
                    .params(owner, RUN + "-template").update();
            template = jdbc.sql("SELECT id FROM job_templates WHERE owner = ? AND name = ?").params(owner, RUN + "-template")
                    .query(Long.class).single();
        }
        if (workloadRun == null) {
            TestHttp.Response created = as.get("admin").postJson("/api/v1/workloads/runs", "{\"cluster\": \"" + lab.name()
                    + "\", \"jobs\": [{\"user\": \"alice\", \"cpus\": 1, \"runSeconds\": 1}]}");
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            workloadRun = created.json().path("run").path("id").asString();
        }
    }

    /** A job of alice's, submitted through the API as she would; answers its id. */
    private long submit(String name, String extra) {
        TestHttp.Response r = as.get("alice").postJson("/api/v1/clusters/" + lab.name() + "/jobs",
                "{\"name\": \"" + name + "\", \"script\": \"#!/bin/bash\\ntrue\\n\", \"timeLimit\": \"1\"" + extra + "}");
        assertThat(r.status()).as("submit %s: %s", name, r.body()).isEqualTo(201);
        long id = r.json().path("jobId").asLong();
        SUBMITTED.add(id);
        return id;
    }

    /**
     * What the rows compare, as scontrol shows it: state, reason, owner and whether the job is held (priority 0;
     * the priority itself moves with age and fair share, so it is not compared).
     */
    private static Map<String, String> slurmView(long id) {
        Map<String, String> all = LabShell.showJob(lab, Long.toString(id));
        return Map.of("JobState", all.getOrDefault("JobState", "?"), "Reason", all.getOrDefault("Reason", "?"),
                "held", Boolean.toString("0".equals(all.get("Priority"))), "UserId", all.getOrDefault("UserId", "?"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void access(Row row) {
        String name = RUN + "-" + Integer.toHexString(row.toString().hashCode());
        boolean needsJob = row.path().contains("{id}") || row.effect().compareTo(Effect.SHOWN_WITH_PATHS) >= 0;
        long target = needsJob ? submit(name + "-t", ", \"dependency\": \"afterok:" + anchor + "\", \"workDir\": \"/tmp\", "
                + "\"output\": \"/tmp/" + PRIVATE_PATH + "%j.out\"") : 0;
        Map<String, String> before = target == 0 ? Map.of()
                : await(target, v -> v.get("JobState").equals("PENDING") && v.get("Reason").equals("Dependency")
                && v.get("held").equals("false"), "the target waits on its dependency, not held");
        String path = row.path().replace("{cs}", shares.name()).replace("{c}", lab.name()).replace("{id}", Long.toString(target))
                .replace("{run}", String.valueOf(workloadRun)).replace("{tpl}", Long.toString(template)).replace("{name}", name);
        String body = row.body() == null ? null : row.body().replace("{name}", name);

        TestHttp.Response response = call(row, path, body);

        assertThat(response.status()).as("%s: %s %s answered %s", row, row.kind(), path, abbreviate(response.body()))
                .isEqualTo(row.status());
        if (path.startsWith("/api/") && response.status() >= 400) {
            assertThat(response.header("Content-Type")).as("API errors are problem details").startsWith("application/problem+json");
        }
        if (row.effect().compareTo(Effect.SHOWN_WITH_PATHS) >= 0) {
            checkShown(row, response.body(), target, path.startsWith("/api/"));
        }
        if (row.effect() == Effect.RPC_USERS_SHOWN || row.effect() == Effect.RPC_USERS_HIDDEN) {
            boolean shown = row.effect() == Effect.RPC_USERS_SHOWN;
            // the API's rpcs.byUser and the page's table; the lab's admin user sends RPCs all the time
            String marker = path.startsWith("/api/") ? "\"byUser\"" : "id=\"scheduler-rpcs-by-user\"";
            assertThat(response.body().contains(marker)).as("%s: RPCs by user in the answer", row).isEqualTo(shown);
            assertThat(response.body().contains(path.startsWith("/api/") ? "\"byType\"" : "id=\"scheduler-rpcs-by-type\""))
                    .as("%s: RPCs by type in the answer", row).isTrue();
        }
        if (row.effect().name().startsWith("FAIRSHARE_")) {
            // API: "user":"alice"; page: id="fs-user-physics-alice"
            boolean api = path.startsWith("/api/");
            java.util.function.Function<String, String> user = (u) -> api ? "\"user\":\"" + u + "\"" : "-" + u + "\"";
            assertThat(response.body()).as("%s: accounts", row).contains(api ? "\"account\":\"chemistry\"" : "id=\"fs-account-chemistry\"");
            assertThat(response.body().contains(user.apply("carol"))).as("%s: carol's row", row).isEqualTo(row.effect() == Effect.FAIRSHARE_ALL);
            assertThat(response.body().contains(user.apply("alice"))).as("%s: alice's row", row).isEqualTo(row.effect() != Effect.FAIRSHARE_OWN || row.who().equals("alice"));
            assertThat(response.body().contains(user.apply("bob"))).as("%s: bob's row", row).isEqualTo(row.effect() != Effect.FAIRSHARE_OWN || row.who().equals("bob"));
        }
        switch (row.effect()) {
            case NONE, SHOWN_WITH_PATHS, SHOWN_WITHOUT_PATHS, NOT_SHOWN, RPC_USERS_SHOWN, RPC_USERS_HIDDEN,
                 FAIRSHARE_ALL, FAIRSHARE_OWN, FAIRSHARE_COORDINATED -> {
                if (target != 0) {
                    assertThat(slurmView(target)).as("%s left job %s as it was", row, target).isEqualTo(before);
                }
                assertThat(LabShell.jobIdsNamed(lab, name)).as("%s submitted nothing", row).isEmpty();
                assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(name).query(Long.class).single())
                        .as("%s added no user", row).isZero();
                if (row.path().contains("/users/")) {
                    assertThat(jdbc.sql("SELECT CONCAT(username, role, slurm_user, enabled) FROM users WHERE username IN ('admin', 'wb3-alice') ORDER BY username")
                            .query(String.class).list()).as("%s changed no user", row).containsExactly("adminADMINwbadmin1", "wb3-aliceUSERalice1");
                }
                if (row.path().contains("{tpl}")) {
                    assertThat(jdbc.sql("SELECT name FROM job_templates WHERE id = ?").param(template).query(String.class).optional())
                            .as("%s left the template as it was", row).contains(RUN + "-template");
                }
                if (row.path().contains("qos")) {
                    assertThat(qosLines()).as("%s changed no QOS", row).isEqualTo(qosBefore);
                }
                if (row.path().contains("/reservations") && row.kind() != Kind.GET) {
                    assertThat(LabShell.run(lab, "scontrol", "show", "res", name)).as("%s created no reservation", row)
                            .contains("not found");
                }
                if (row.path().endsWith("/drain") || row.path().endsWith("/resume")) {
                    assertThat(LabShell.run(lab, "scontrol", "show", "node", "c1")).as("%s drained nothing", row)
                            .doesNotContain("DRAIN").doesNotContain(name);
                }
            }
            case CANCELLED -> await(target, v -> v.get("JobState").equals("CANCELLED"), row.toString());
            case HELD -> await(target, v -> v.get("held").equals("true") && v.get("Reason").startsWith("JobHeld"), row.toString());
            case SUBMITTED_AS_ALICE -> {
                List<String> ids = LabShell.jobIdsNamed(lab, name);
                assertThat(ids).as("%s submitted one job", row).hasSize(1);
                SUBMITTED.add(Long.parseLong(ids.getFirst()));
                assertThat(slurmView(Long.parseLong(ids.getFirst())).get("UserId")).startsWith("alice(");
            }
        }
    }

    /** A part of every target job's output path, so that an answer can be searched for it. */
    static final String PRIVATE_PATH = "wb8-private-out-";

    /** Whether the answer lists the target and, if so, with or without its working directory and output path. */
    private static void checkShown(Row row, String body, long target, boolean json) {
        String id = Long.toString(target);
        boolean shown = json ? body.matches("(?s).*\"jobId\"\\s*:\\s*" + id + "\\b.*") : body.contains("/" + id); // a link to the job or its actions
        assertThat(shown).as("%s: job %s is in the answer", row, id).isEqualTo(row.effect() != Effect.NOT_SHOWN);
        if (row.effect() == Effect.SHOWN_WITH_PATHS) {
            assertThat(body).as("%s: the output path is shown", row).contains(PRIVATE_PATH);
            if (json) {
                assertThat(body).as("%s: the working directory is shown", row).contains("\"workDir\":\"/tmp\"");
            }
        } else {
            assertThat(body).as("%s: no output path", row).doesNotContain(PRIVATE_PATH);
            assertThat(body).as("%s: no working directory", row).doesNotContain("\"workDir\":\"/tmp\"");
        }
    }

    private TestHttp.Response call(Row row, String path, String body) {
        TestHttp http = as.get(row.who());
        return switch (row.kind()) {
            case GET -> http.get(path);
            case DELETE -> http.delete(path);
            case POST_JSON -> http.postJson(path, body == null ? "" : body);
            case PATCH_JSON -> http.patchJson(path, body == null ? "" : body);
            case PUT_JSON -> http.putJson(path, body == null ? "" : body);
            case SESSION_FORM, SESSION_FORM_NO_CSRF, SESSION_API, SESSION_API_NO_CSRF -> {
                TestHttp session = new TestHttp(port);
                assertThat(session.formLogin("wb3-" + row.who(), TestUsers.PASSWORD).header("Location")).doesNotContain("error");
                String token = TestHttp.csrfOf(session.get("/submit/jobs"));
                yield switch (row.kind()) {
                    case SESSION_FORM -> session.postForm(path, Map.of("_csrf", token));
                    case SESSION_FORM_NO_CSRF -> session.postForm(path, Map.of());
                    case SESSION_API -> session.postJson(path, "", "X-CSRF-TOKEN", token);
                    default -> session.postJson(path, "");
                };
            }
            case OLD_SESSION_GET, OLD_SESSION_FORM -> {
                TestHttp session = new TestHttp(port);
                String cookie = session.formLogin("wb3-" + row.who(), TestUsers.PASSWORD).headers().allValues("Set-Cookie").stream()
                        .filter(c -> c.startsWith("SESSION=")) // Spring Session's cookie (sessions live in MariaDB)
                        .map(c -> c.substring(0, c.indexOf(';'))).findFirst().orElseThrow();
                String token = TestHttp.csrfOf(session.get("/submit/jobs"));
                TestHttp.Response logout = session.postForm("/logout", Map.of("_csrf", token));
                // Spring Security answers a non-browser logout with 204, a browser's with a redirect.
                assertThat(logout.status()).as("logout: %s", abbreviate(logout.body())).isIn(204, 302);
                assertThat(session.get("/api/v1/me").status()).as("the session has ended").isEqualTo(401);
                TestHttp stale = new TestHttp(port);
                yield row.kind() == Kind.OLD_SESSION_GET ? stale.get(path, "Cookie", cookie)
                        : stale.postForm(path, Map.of("_csrf", token), "Cookie", cookie);
            }
        };
    }

    /** Polls scontrol until the job's view satisfies {@code done} (30 s at most); answers that view. */
    private static Map<String, String> await(long id, Predicate<Map<String, String>> done, String what) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        Map<String, String> last = slurmView(id);
        while (!done.test(last) && Instant.now().isBefore(deadline)) {
            last = slurmView(id);
        }
        assertThat(done.test(last)).as("%s: job %s in Slurm is %s", what, id, last).isTrue();
        return last;
    }

    private static String abbreviate(String s) {
        return s == null || s.length() < 300 ? s : s.substring(0, 300) + "…";
    }
}
