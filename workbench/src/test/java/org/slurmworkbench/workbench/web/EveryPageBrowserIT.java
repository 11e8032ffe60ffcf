package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestPlans;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;
import tools.jackson.databind.JsonNode;

/**
 * Every page a new user would reach, tried the way WB-11 asks: as the admin and as a user, each page reachable from
 * the navigation and one of each kind of page linked from those (a job, a node, a reservation, a QOS, a workload
 * run and its analysis...), plus pages with no link to them yet (fairshare, a comparison of two runs, accounting
 * grouped by account). Each is shown in English at 1440 px, then 1024 px, then in Chinese at 1024 px and 1440 px, and
 * the test fails on any of: content clipped outside a container meant to scroll ({@code data-scroll} or
 * {@code .table-scroll}), chart text drawn outside its chart or cut short, an English Slurm word (job, node and
 * partition states, pending reasons, units) or a message key on a Chinese page, an error in the browser's console,
 * and serious or critical accessibility violations found by axe-core (once per page: the admin's in English at
 * 1440 px, the user's in Chinese at 1024 px). Every problem found is listed at the end (also in target/every-page-problems.txt), with
 * screenshots of the pages that had one.
 * <p>
 * Its own lab state: on 26.05, alice's running job, her job pending on it (reason Dependency), her finished job, her
 * glidein request (one pilot, cancelled at the end), a reservation for her a month ahead, and two workload runs
 * (created, never started) when there are none yet.
 */
@BrowserTestBase.Window(width = 1440, height = 900)
class EveryPageBrowserIT extends BrowserTestBase {

    private static final int WIDE = 1440;
    private static final int NARROW = 1024;
    private static final int HEIGHT = 900;
    /** More would mean the crawl found something it should not count as a new kind of page (a bug in {@link #kind}). */
    private static final int MAX_PAGES = 60;

    /** Words of Slurm that a Chinese page must show translated (matched as whole words, case as written). */
    private static final Set<String> SLURM_WORDS = slurmWords();
    private static final Set<String> MESSAGE_KEYS = keysOf("/messages_en.properties");
    private static final Pattern MISSING_KEY = Pattern.compile("\\?\\?[\\w.-]+\\?\\?");
    private static final Pattern KEY_LIKE = Pattern.compile("[A-Za-z][\\w-]*(\\.[\\w-]+){2,}");
    private static final Pattern WORD = Pattern.compile("(?<![\\w-])[A-Za-z][A-Za-z_]*(?![\\w-])");
    /** A grouping key as the API writes it ("user:alice") rather than in words. */
    private static final Pattern GROUP_KEY = Pattern.compile("(?<![\\w-])(user|account|partition|qos|cluster):\\w");
    private static final Pattern UNIT_WORDS = Pattern.compile("(?<![\\w-])(CPU h|GPU h|hours?|minutes?|seconds?|days?|rows?)(?![\\w-])");

    /** Query parameters that only choose what one kind of page shows: a range, an order, a page, a language. */
    private static final Set<String> VALUE_ONLY = Set.of("lang", "cluster", "page", "sort", "dir", "from", "to", "chart",
            "jobId", "days", "state", "expand", "user", "partition", "name", "qos", "range", "template");
    private static final String CHECKS = resource("/every-page-checks.js");
    /** -Dwb.everyPage.screenshots=true: a screenshot of every view, to look at them all (not only the failing ones). */
    private static final boolean ALL_SCREENSHOTS = Boolean.getBoolean("wb.everyPage.screenshots");
    private static final String AXE = resource("/axe/axe.min.js");

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PasswordEncoder passwords;

    private final Map<String, Set<String>> problems = new LinkedHashMap<>();
    private Set<String> clusterNames;

    @Test
    void everyPageAsTheAdminAndAsAUserInBothLanguagesAtBothWidths() throws IOException {
        LabCluster lab = TestLab.present().stream().filter(c -> c.series().equals("26.05")).findFirst()
                .orElse(TestLab.present().getLast());
        clusterNames = new TreeSet<>(TestLab.present().stream().map(LabCluster::name).toList());
        clusterNames.add("dead");
        String tag = "wb-every-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<String> jobs = new ArrayList<>();
        String reservation = tag + "-resv";
        try {
            String running = LabShell.sbatch(lab, "alice", tag + "-running");
            jobs.add(running);
            jobs.add(LabShell.sbatch(lab, "alice", tag + "-pending", "-d", "afterok:" + running));
            String finished = LabShell.lines(lab, "--user", "alice", "sbatch", "--parsable", "-J", tag + "-finished", "-t", "1",
                    "-D", "/tmp", "-o", "/dev/null", "--wrap", "true").getLast().split(";")[0];
            jobs.add(finished);
            LabShell.run(lab, "scontrol", "create", "reservation", "ReservationName=" + reservation, "StartTime=now+30days",
                    "Duration=60", "Users=alice", "NodeCnt=1");
            List<String> runs = workloadRuns(lab);
            String user = TestUsers.ensure(jdbc, passwords, "alice");
            // a glidein request of alice's: one pilot that cannot reach its (made-up) pool and is cancelled at the end
            TestHttp.Response glidein = new TestHttp(port).basic(user, TestUsers.PASSWORD).postJson(
                    "/api/v1/clusters/" + lab.name() + "/glideins", """
                    {"pool": "wbeverypage", "collector": "127.0.0.1:9618", "token": "a.b.c", "count": 1, "cpus": 1,
                     "memoryMb": 100, "lifetime": "2", "idle": 30, "updateInterval": 10}""");
            assertThat(glidein.status()).as(glidein.body()).isEqualTo(201);
            jobs.add(glidein.json().path("arrayJobId").asString());
            TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
            // the shared job list is renewed in the background: wait until the finished job shows as such
            new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(2)).until(d -> admin
                    .get("/api/v1/clusters/" + lab.name() + "/queue?state=all&name=" + tag + "-finished").body().contains("COMPLETED"));

            List<String> seeds = new ArrayList<>(List.of("/fairshare", "/accounting?groupBy=account", "/accounting?view=jobs"));
            jobs.forEach(id -> seeds.add("/submit/jobs/" + lab.name() + "/" + id));
            seeds.add("/reservations/" + lab.name() + "/" + reservation);
            seeds.add("/glideins/" + lab.name() + "/" + glidein.json().path("id").asString());
            seeds.add("/workloads/compare?a=" + runs.get(0) + "&b=" + runs.get(1));

            List<String> everyone = List.of("", "submit", "jobs", "nodes", "scheduler", "glideins", "accounting", "qos",
                    "fairshare", "submit/jobs/{cluster}/*", "nodes/{cluster}/*", "reservations", "reservations/{cluster}/*",
                    "qos/{cluster}/*", "glideins/{cluster}/*", "accounting?groupBy", "accounting?view");
            List<String> admins = new ArrayList<>(everyone);
            admins.addAll(List.of("workloads", "workloads/runs/*", "workloads/runs/*/analysis", "workloads/compare?a&b", "admin/users",
                    "admin/users/*"));
            visitEverything("admin", "admin", "admin-test-password", seeds, admins);
            visitEverything("user", user, TestUsers.PASSWORD, seeds.stream().filter(s -> !s.startsWith("/workloads")).toList(),
                    everyone);
        } finally {
            if (!jobs.isEmpty()) {
                List<String> cancel = new ArrayList<>(List.of("scancel"));
                cancel.addAll(jobs);
                LabShell.run(lab, cancel.toArray(String[]::new));
            }
            LabShell.run(lab, "scontrol", "delete", "ReservationName=" + reservation);
            Files.writeString(Path.of("target/every-page-problems.txt"), report());
        }
        String report = report();
        assertThat(problems).as("problems on %d pages:\n%s", problems.size(), report).isEmpty();
    }

    private String report() {
        return problems.entrySet().stream()
                .map(e -> e.getKey() + "\n    " + String.join("\n    ", e.getValue())).collect(Collectors.joining("\n"));
    }

    /** Two workload runs to show and compare: the newest two there are, else two made now (created, not started). */
    private List<String> workloadRuns(LabCluster lab) {
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        List<String> ids = new ArrayList<>();
        for (JsonNode run : admin.get("/api/v1/workloads/runs").json()) {
            ids.add(run.path("run").path("id").asString());
        }
        while (ids.size() < 2) {
            TestHttp.Response created = admin.postJson("/api/v1/workloads/runs",
                    TestPlans.request(lab.name(), 11 + ids.size(), 3, 1, 1, 1, 2, 4, 2));
            assertThat(created.status()).as(created.body()).isEqualTo(201);
            ids.add(created.json().path("run").path("id").asString());
        }
        return ids;
    }

    /**
     * Logs in as {@code who}, then visits the navigation's pages, the seeds, and one page of each kind linked from them;
     * a problem too when one of the {@code expected} kinds of page (see {@link #kind}) was never reached.
     */
    private void visitEverything(String role, String who, String password, List<String> seeds, List<String> expected)
            throws IOException {
        driver.manage().deleteAllCookies();
        driver.manage().window().setSize(new Dimension(WIDE, HEIGHT));
        logIn(who, password);
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("nav-dashboard")).isEmpty());
        browser.consoleErrors(); // the login page's are the login page's

        Deque<String> toVisit = new ArrayDeque<>();
        Set<String> kinds = new LinkedHashSet<>();
        links("nav.mainnav a[href]").forEach(href -> offer(href, kinds, toVisit));
        for (String seed : seeds) { // each seed is visited, however many of its kind (a running, a pending, a finished job)
            kinds.add(kind(seed));
            toVisit.add(seed);
        }
        int visited = 0;
        while (!toVisit.isEmpty()) {
            String path = toVisit.poll();
            assertThat(++visited).as("pages visited as %s (kinds: %s)", role, kinds).isLessThanOrEqualTo(MAX_PAGES);
            long started = System.nanoTime();
            visit(role, path);
            System.out.printf("EveryPageBrowserIT %s %s: %d ms%n", role, path, (System.nanoTime() - started) / 1_000_000);
            links("main a[href]:not([download]):not([target])").forEach(href -> offer(href, kinds, toVisit));
        }
        for (String kind : expected) {
            if (!kinds.contains(kind)) {
                problems.computeIfAbsent(role, k -> new LinkedHashSet<>()).add("never reached a page of kind " + kind
                        + " (reached: " + kinds + ")");
            }
        }
    }

    /** The links the page has there, read at once (htmx may replace parts of the page at any moment). */
    @SuppressWarnings("unchecked")
    private static List<String> links(String selector) {
        return (List<String>) driver.executeScript("return Array.from(document.querySelectorAll(arguments[0]))"
                + ".map(function (a) { return a.getAttribute('href'); })", selector);
    }

    private void offer(String href, Set<String> kinds, Deque<String> toVisit) {
        if (href == null || href.startsWith("#") || href.startsWith("?") || href.contains("://") || href.startsWith("mailto:")) {
            return;
        }
        String path = href.replaceAll("#.*", "");
        if (path.contains("/api/") || path.startsWith("/swagger") || path.startsWith("/v3/") || path.startsWith("/webjars")
                || path.endsWith(".csv") || path.startsWith("/logout") || path.startsWith("/login") || path.startsWith("/jobs/find")) {
            return;
        }
        if (kinds.add(kind(path))) {
            toVisit.add(path);
        }
    }

    /**
     * What kind of page a path is: its words, with a cluster's name, what follows it, and ids (anything with a digit)
     * made wildcards, and the names of its query parameters (their values only choose what one page shows).
     */
    private String kind(String path) {
        URI uri = URI.create(path);
        List<String> parts = new ArrayList<>();
        boolean afterCluster = false;
        for (String segment : uri.getPath().split("/")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (clusterNames.contains(segment)) {
                parts.add("{cluster}");
                afterCluster = true;
            } else if (afterCluster && !segment.equals("analysis") && !segment.equals("pilots") || segment.matches(".*\\d.*")
                    || !parts.isEmpty() && (parts.getLast().equals("runs") || parts.getLast().equals("users"))) {
                // a run's id is letters only; a web login is a name
                parts.add("*");
            } else {
                parts.add(segment);
            }
        }
        Set<String> params = new TreeSet<>();
        if (uri.getRawQuery() != null) {
            for (String p : uri.getRawQuery().split("&")) {
                String name = p.replaceAll("=.*", "");
                if (!VALUE_ONLY.contains(name)) {
                    params.add(name);
                }
            }
        }
        return String.join("/", parts) + (params.isEmpty() ? "" : "?" + String.join("&", params));
    }

    /**
     * One page in both languages at both widths, each view checked; ends in English at the wide width. axe-core, the
     * slow part, looks once per page: the admin's in English, the user's in Chinese (the markup is the same in both).
     */
    private void visit(String role, String path) throws IOException {
        String url = url(path) + (path.contains("?") ? "&" : "?");
        boolean admin = role.equals("admin");
        load(url + "lang=en");
        check(role, path, "en", WIDE, admin);
        resize(NARROW);
        check(role, path, "en", NARROW, false);
        load(url + "lang=zh");
        check(role, path, "zh", NARROW, !admin);
        resize(WIDE);
        check(role, path, "zh", WIDE, false);
    }

    private void load(String url) {
        driver.get(url);
        settle();
    }

    private void resize(int width) {
        driver.manage().window().setSize(new Dimension(width, HEIGHT));
        settle();
    }

    /** Waits until the page is loaded, htmx has nothing in flight and the charts are drawn, for two frames running. */
    private void settle() {
        new WebDriverWait(driver, Duration.ofSeconds(15)).pollingEvery(Duration.ofMillis(100)).until(d -> Boolean.TRUE.equals(
                driver.executeAsyncScript("""
                        var done = arguments[arguments.length - 1];
                        function quiet() {
                          return document.readyState === 'complete' && !document.querySelector('.htmx-request')
                            && !document.querySelector('[data-chart]:not([data-drawn])');
                        }
                        if (!quiet()) { done(false); return; }
                        requestAnimationFrame(function () { requestAnimationFrame(function () {
                          setTimeout(function () { done(quiet()); }, 50); }); });""")));
    }

    private void check(String role, String path, String lang, int width, boolean axe) throws IOException {
        String view = role + " " + lang + " " + width + " px " + path;
        List<String> found = new ArrayList<>();
        @SuppressWarnings("unchecked")
        Map<String, Object> look = (Map<String, Object>) driver.executeScript(CHECKS);
        @SuppressWarnings("unchecked")
        List<String> clipped = (List<String>) look.get("clipped");
        clipped.forEach(c -> found.add("clipped: " + c));
        if (lang.equals("zh")) {
            found.addAll(englishOnAChinesePage((String) look.get("text")));
        }
        browser.consoleErrors().forEach(e -> found.add("console: " + e));
        if (axe) {
            found.addAll(accessibilityViolations());
        }
        if (!found.isEmpty()) {
            problems.computeIfAbsent(view, k -> new LinkedHashSet<>()).addAll(found);
        }
        if (!found.isEmpty() || ALL_SCREENSHOTS) {
            screenshot("every-page-" + (role + "-" + lang + "-" + width + path).replaceAll("[^\\w-]+", "_"));
        }
    }

    private static List<String> englishOnAChinesePage(String text) {
        Set<String> found = new TreeSet<>();
        matches(WORD, text).stream().filter(SLURM_WORDS::contains).forEach(w -> found.add("English Slurm word: " + w));
        matches(UNIT_WORDS, text).forEach(w -> found.add("English unit or count word: " + w));
        matches(GROUP_KEY, text).forEach(w -> found.add("grouping key in API form: " + w));
        matches(MISSING_KEY, text).forEach(w -> found.add("missing message: " + w));
        matches(KEY_LIKE, text).stream().filter(MESSAGE_KEYS::contains).forEach(w -> found.add("message key shown: " + w));
        return new ArrayList<>(found);
    }

    private static List<String> matches(Pattern pattern, String text) {
        return pattern.matcher(text).results().map(java.util.regex.MatchResult::group).toList();
    }

    /** axe-core's serious and critical violations on the page as it is shown, one line per rule with a few places. */
    private static List<String> accessibilityViolations() {
        if (!Boolean.TRUE.equals(driver.executeScript("return !!window.axe"))) {
            driver.executeScript(AXE);
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> violations = (List<Map<String, Object>>) driver.executeAsyncScript("""
                var done = arguments[arguments.length - 1];
                axe.run(document, {resultTypes: ['violations']}).then(function (r) {
                  done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
                    .map(function (v) { return {id: v.id, impact: v.impact, help: v.help,
                      where: v.nodes.slice(0, 3).map(function (n) { return n.target.join(' '); })}; }));
                }, function (e) { done([{id: 'axe-failed', impact: 'critical', help: String(e), where: []}]); });""");
        return violations.stream().map(v -> "accessibility (" + v.get("impact") + "): " + v.get("id") + ": " + v.get("help")
                + " at " + v.get("where")).toList();
    }

    private static Set<String> slurmWords() {
        Set<String> words = new TreeSet<>();
        keysOf("/slurm_en.properties").stream().filter(k -> k.startsWith("slurm.job."))
                .forEach(k -> words.add(k.substring("slurm.job.".length())));
        keysOf("/reasons_en.properties").stream().filter(k -> k.startsWith("job.reason."))
                .forEach(k -> words.add(k.substring("job.reason.".length())));
        // node states as slurmrestd writes them (upper case) and as sinfo and the dashboard did (lower case), and
        // partition states
        for (String state : List.of("IDLE", "ALLOCATED", "MIXED", "DOWN", "DRAIN", "DRAINED", "DRAINING", "COMPLETING",
                "RESERVED", "MAINTENANCE", "MAINT", "FUTURE", "PLANNED", "INVALID", "INVAL", "FAIL", "FAILING", "UNKNOWN",
                "POWERED_DOWN", "POWERING_DOWN", "POWERING_UP", "POWER_DOWN", "NOT_RESPONDING", "CLOUD", "BLOCKED",
                "INACTIVE", "UP")) {
            words.add(state);
            words.add(state.toLowerCase());
        }
        words.removeAll(Set.of("up", "cloud", "blocked", "fail", "invalid", "unknown")); // lower case, plain English
        return words;
    }

    private static Set<String> keysOf(String resource) {
        Properties p = new Properties();
        try {
            p.load(new java.io.StringReader(resource(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p.stringPropertyNames();
    }

    private static String resource(String name) {
        try (InputStream in = EveryPageBrowserIT.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
