package org.slurmworkbench.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.TestWatcher;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * The newcomer's path of WB-11, from the demo data and no other configuration. First {@code lab/demo-data}, the demo
 * data of {@code ./wb start}, against the test app (a small run: 3 jobs within 5 s): alice, bob and carol can log in
 * with the printed passwords as their Slurm users; the workload run is done with every job ended; accounting holds
 * its jobs; run again, it keeps the same passwords and the same run. Then, in headless Chromium:
 * <ol>
 * <li>alice logs in with her printed password, submits a short job from the Submit form (partition and account
 * from the form's choices) and follows it on its page until COMPLETED;</li>
 * <li>she logs out; the admin logs in, previews a small run of a preset, creates and starts it (answering the
 * confirmations), uploads a tiny SWF trace, previews it, creates and starts a run of it, and compares the demo's run
 * with the preset's from the run page's entry point, the comparison's chart drawn;</li>
 * <li>Accounting, last 7 days grouped by user (the page's default): the table, and its CSV fetched with the
 * browser's session holds the same users.</li>
 * </ol>
 * On the way it saves the README's screenshots to {@code target/readme-screenshots/} (1440 px: dashboard and
 * accounting in English, the submit form and the comparison in Chinese). Each step prints the time it took.
 */
class NewcomerPathBrowserIT extends BrowserTestBase {

    static final Path README_SHOTS = Path.of("target/readme-screenshots");
    static final String ADMIN_PASSWORD = "admin-test-password";

    @Autowired
    JdbcClient jdbc;

    /** On a failure, what the browser showed: target/screenshots/newcomer-failure.png. */
    @RegisterExtension
    final TestWatcher failureScreenshot = new TestWatcher() {
        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            try {
                try {
                    driver.switchTo().alert().dismiss();
                } catch (org.openqa.selenium.NoAlertPresentException none) {
                    // the page itself
                }
                screenshot("newcomer-failure");
            } catch (IOException | RuntimeException e) {
                cause.addSuppressed(e);
            }
        }
    };

    private long stepStarted;
    private final Map<String, Double> stepSeconds = new LinkedHashMap<>();

    @Test
    void demoDataThenSubmitFollowRunPresetAndSwfCompareAndQueryAccountingInTheBrowser(@TempDir Path state) throws IOException {
        long started = System.nanoTime();
        stepStarted = started;

        // --- 0. the demo data, as ./wb start makes it (and again: nothing changes) ---
        Path adminPassword = Files.writeString(state.resolve("admin-password"), ADMIN_PASSWORD);
        Map<String, String> logins = demoData(state, adminPassword);
        assertThat(logins).containsOnlyKeys("alice", "bob", "carol");
        for (var login : logins.entrySet()) {
            JsonNode me = new TestHttp(port).basic(login.getKey(), login.getValue()).get("/api/v1/me").json();
            assertThat(me.path("slurmUser").asString()).isEqualTo(login.getKey());
            assertThat(me.path("role").asString()).isEqualTo("USER");
        }
        String demoRun = Files.readString(state.resolve("demo-run")).strip();
        TestHttp admin = new TestHttp(port).basic("admin", ADMIN_PASSWORD);
        assertThat(admin.get("/api/v1/workloads/runs/" + demoRun).json().path("run").path("state").asString()).isEqualTo("DONE");
        JsonNode analysis = admin.get("/api/v1/workloads/runs/" + demoRun + "/analysis").json();
        assertThat(analysis.path("complete").asBoolean()).as("every job of the run ended").isTrue();
        List<Long> demoJobs = analysis.path("metrics").path("jobs").valueStream().map(j -> j.path("slurmJobId").asLong()).toList();
        assertThat(demoJobs).hasSize(3);
        String cluster = analysis.path("cluster").asString();
        String jobIds = String.join(",", demoJobs.stream().map(String::valueOf).toList());
        assertThat(jdbc.sql("SELECT COUNT(*) FROM acct_job WHERE cluster = ? AND job_id IN (" + jobIds + ")")
                .param(cluster).query(Long.class).single()).as("the run's jobs are in the accounting copy").isEqualTo(3);
        Set<String> demoUsers = new TreeSet<>(jdbc.sql("SELECT DISTINCT user_name FROM acct_job WHERE cluster = ? AND job_id IN ("
                + jobIds + ")").param(cluster).query(String.class).list());
        step("demo data");
        assertThat(demoData(state, adminPassword)).as("run again: the same logins").isEqualTo(logins);
        assertThat(Files.readString(state.resolve("demo-run")).strip()).as("run again: the same run").isEqualTo(demoRun);
        step("demo data again");

        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);

        // --- 1. alice: log in with the printed password, submit a short job, follow it to COMPLETED ---
        logIn("alice", logins.get("alice"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));
        assertThat(text("current-user")).isEqualTo("alice");
        driver.findElement(By.id("nav-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-form")));
        String jobCluster = new Select(driver.findElement(By.id("cluster"))).getFirstSelectedOption().getDomAttribute("value");
        String partition = firstChoice("partition");
        String account = firstChoice("account");
        String name = "newcomer-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        type("name", name);
        type("timeLimit", "2");
        // the time limit's unit stays in sight once the placeholder is gone
        assertThat(driver.findElement(By.id("timeLimit-help")).getText()).startsWith("A number is minutes (2 = 2 minutes)");
        type("script", "#!/bin/bash\necho hello from a newcomer\nsleep 3\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "#SBATCH --job-name=" + name));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "echo hello from a newcomer"));
        driver.findElement(By.id("submit-job")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-submitted")));
        String jobId = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(driver.getCurrentUrl()).endsWith("/submit/jobs/" + jobCluster + "/" + jobId);
        // (the job's card reloads itself every few seconds: read through the wait, which retries a stale element)
        assertThat(read(wait, By.id("record-" + jobId))).contains(name).contains("alice").contains(account).contains(partition);
        // the page refreshes itself; the badge says the state in words and keeps Slurm's in data-state
        new WebDriverWait(driver, Duration.ofSeconds(120)).ignoring(StaleElementReferenceException.class).until(d ->
                "COMPLETED".equals(d.findElement(By.id("state-" + jobId)).getDomAttribute("data-state")));
        assertThat(read(wait, By.id("exit-" + jobId))).isEqualTo("0");
        assertThat(read(wait, By.id("job-time-limit"))).isEqualTo("2 min");
        step("1 alice submits and follows job " + jobId);

        // --- 2. log out; the admin: a preset run, an SWF run, a comparison ---
        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("username")));
        driver.get(url("/submit"));
        assertThat(driver.getCurrentUrl()).as("logged out: the form asks to log in").contains("/login");
        logIn("admin", ADMIN_PASSWORD);
        // back to the page asked for before the login
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-form")));
        assertThat(text("current-user")).isEqualTo("admin");
        step("2a log out, log in as admin");

        driver.findElement(By.id("nav-workloads")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("create-form")));
        new Select(driver.findElement(By.id("create-cluster"))).selectByValue(cluster);
        new Select(driver.findElement(By.id("create-preset"))).selectByValue("scheduler-stress");
        type("create-jobs", "5");
        driver.findElement(By.id("create-preview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-preview")));
        assertThat(text("preview-submissions")).isEqualTo("5");
        assertAllChartsDrawn(wait, "the preset's preview");
        driver.findElement(By.id("create-submit")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Create a run of 5 jobs on cluster " + cluster);
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
        String presetRunPath = path();
        String presetRun = presetRunPath.substring(presetRunPath.lastIndexOf('/') + 1);
        assertThat(text("count-total")).isEqualTo("5");
        assertThat(text("setting-source")).isEqualTo("generator");
        driver.findElement(By.id("run-start")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).isEqualTo("Start this run: submit its 5 jobs to cluster " + cluster + "?");
        driver.switchTo().alert().accept();
        wait.until(d -> !"Created".equals(d.findElement(By.id("run-state")).getText()));
        step("2b preset run " + presetRun + " previewed, created, started");

        // the README's dashboard, in English, while the run's jobs are on the cluster (if they still are)
        driver.findElement(By.id("nav-dashboard")).click();
        By card = By.id("overview-" + cluster);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#overview-" + cluster + " .chart[data-drawn='true'] canvas")));
        assertThat(read(wait, card)).contains("Live")
                .containsPattern("\\d+ / \\d+ GiB").doesNotContain(" GB"); // memory in binary units, named as such
        try {
            new WebDriverWait(driver, Duration.ofSeconds(6)).ignoring(StaleElementReferenceException.class).until(d ->
                    !"0".equals(d.findElement(By.cssSelector("#overview-" + cluster + " .jobs-running")).getText()));
        } catch (TimeoutException over) {
            // the jobs were done before the card was: an idle cluster then
        }
        wait.until(d -> {
            scrollToTop(d.findElement(card));
            return true;
        });
        readmeScreenshot("dashboard");
        step("2c dashboard (screenshot en)");

        // while it runs: a tiny SWF trace uploaded, previewed, made a run and started
        Path trace = Files.writeString(state.resolve("newcomer.swf"), """
                ; Version: 2
                ; Computer: a newcomer's four jobs
                ; MaxJobs: 4
                ; MaxRecords: 4
                ; MaxProcs: 128
                1  0 -1  3  1 -1 -1  1  60 -1 1 1 1 -1 1 -1 -1 -1
                2  1 -1  4  2 -1 -1  2  60 -1 1 2 1 -1 1 -1 -1 -1
                3  2 -1  2  1 -1 -1  1  60 -1 1 3 1 -1 1 -1 -1 -1
                4  3 -1  5  1 -1 -1  1  60 -1 1 1 1 -1 1 -1 -1 -1
                """);
        driver.findElement(By.id("nav-workloads")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("swf-form")));
        new Select(driver.findElement(By.id("swf-cluster"))).selectByValue(cluster);
        driver.findElement(By.id("swf-file")).sendKeys(trace.toString());
        WebElement swfCard = driver.findElement(By.id("swf-card"));
        driver.findElement(By.id("swf-preview")).click();
        wait.until(ExpectedConditions.stalenessOf(swfCard));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("swf-result")));
        assertThat(text("swf-imported")).startsWith("4 jobs imported");
        assertThat(text("swf-file-name")).isEqualTo("newcomer.swf");
        driver.findElement(By.id("swf-create")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Create a run of 4 jobs from swf:newcomer.swf on cluster " + cluster);
        driver.switchTo().alert().accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
        String swfRunPath = path();
        assertThat(text("count-total")).isEqualTo("4");
        assertThat(text("setting-source")).contains("newcomer.swf");
        driver.findElement(By.id("run-start")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        step("2d SWF run " + swfRunPath.substring(swfRunPath.lastIndexOf('/') + 1) + " uploaded, previewed, created, started");

        awaitDone(swfRunPath, "4");
        awaitDone(presetRunPath, "5");
        step("2e both runs done");

        // compare from the run page's entry point: the demo's finished run against the preset's
        Select with = new Select(driver.findElement(By.id("compare-with-b")));
        assertThat(with.getOptions()).extracting(o -> o.getDomAttribute("value")).contains(demoRun).doesNotContain(presetRun);
        with.selectByValue(demoRun);
        driver.findElement(By.id("compare-with-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("compare-table")));
        assertThat(driver.getCurrentUrl()).contains("a=" + presetRun).contains("b=" + demoRun);
        // (the header's text is upper case in CSS)
        assertThat(driver.findElement(By.cssSelector("#compare-table thead")).getDomProperty("textContent"))
                .contains(presetRun).contains(demoRun);
        // the first row: all jobs, how many of each run (the preset's 5, the demo's 3); the last of the preset's
        // may reach the analysis a moment after the run is done, so a reload shows it
        new WebDriverWait(driver, Duration.ofSeconds(60)).pollingEvery(Duration.ofSeconds(2))
                .ignoring(StaleElementReferenceException.class).until(d -> {
            if (d.findElements(By.cssSelector("#compare-table tbody tr:first-child td")).stream().map(WebElement::getText)
                    .toList().containsAll(List.of("Jobs", "5", "3", "-2"))) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        assertAllChartsDrawn(wait, "the comparison");
        String comparePath = path();
        // the README's comparison, in Chinese, tall enough for its chart
        driver.manage().window().setSize(new Dimension(WIDTH, 1700));
        try {
            driver.get(url(comparePath + "&lang=zh"));
            wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "比较两次运行"));
            assertAllChartsDrawn(wait, "the comparison in Chinese");
            readmeScreenshot("compare");
        } finally {
            driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
            driver.get(url(comparePath + "&lang=en"));
        }
        step("2f compare (screenshot zh)");

        // --- 3. accounting: last 7 days by user, the table and its CSV ---
        driver.findElement(By.id("nav-accounting")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accounting-form")));
        driver.findElement(By.id("preset-7")).click();
        wait.until(ExpectedConditions.urlContains("from="));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accounting-table")));
        assertThat(driver.findElement(By.id("group-user")).isSelected()).as("grouped by user (the default)").isTrue();
        assertThat(driver.findElements(By.id("col-user"))).as("a user column").hasSize(1);
        wait.until(d -> "true".equals(d.findElement(By.id("usage-chart")).getDomAttribute("data-rendered"))
                || "true".equals(d.findElement(By.id("usage-chart")).getDomAttribute("data-drawn")));
        assertThat(driver.findElements(By.cssSelector("#usage-chart canvas"))).isNotEmpty();
        List<String> tableUsers = driver.findElements(By.cssSelector("#accounting-table tbody tr.result-row td:first-child"))
                .stream().map(WebElement::getText).toList();
        assertThat(tableUsers).as("the demo run's users").containsAll(demoUsers);
        scrollToTop(driver.findElement(By.id("group-user")).findElement(By.xpath("ancestor::fieldset")));
        readmeScreenshot("accounting");

        String csvHref = driver.findElement(By.id("csv-download")).getDomAttribute("href");
        assertThat(csvHref).startsWith("/api/v1/accounting/usage.csv?").contains("groupBy=user").contains("from=");
        @SuppressWarnings("unchecked")
        Map<String, Object> fetched = (Map<String, Object>) driver.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                fetch(arguments[0], {credentials: 'same-origin'})
                  .then(r => r.text().then(t => done({status: r.status, type: r.headers.get('Content-Type'), body: t})))
                  .catch(e => done({status: -1, type: '', body: String(e)}));""", csvHref);
        assertThat(((Number) fetched.get("status")).intValue()).as("CSV: %s", fetched.get("body")).isEqualTo(200);
        assertThat((String) fetched.get("type")).startsWith("text/csv");
        List<String> lines = ((String) fetched.get("body")).lines().toList();
        assertThat(lines.getFirst()).startsWith("user,jobs,cpuHours");
        List<String> csvUsers = lines.subList(1, lines.size()).stream().map(l -> l.substring(0, l.indexOf(','))).toList();
        assertThat(csvUsers).as("the CSV's users are the table's").containsExactlyInAnyOrderElementsOf(tableUsers)
                .containsAll(demoUsers);
        step("3 accounting by user, 7 days, CSV (screenshot en)");

        // --- the README's submit form, in Chinese ---
        driver.get(url("/submit?lang=zh"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-form")));
        assertThat(driver.findElement(By.id("submit-job")).getText()).isEqualTo("提交");
        type("name", name);
        type("timeLimit", "2");
        type("script", "#!/bin/bash\necho hello from a newcomer\nsleep 3\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "#SBATCH --job-name=" + name));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "echo hello from a newcomer"));
        readmeScreenshot("submit");
        step("submit form (screenshot zh)");

        System.out.printf("[newcomer] whole path: %.1f s; steps: %s%n", (System.nanoTime() - started) / 1e9, stepSeconds);
    }

    /** Runs the script; answers the logins it printed. */
    private Map<String, String> demoData(Path state, Path adminPassword) {
        Path script = Path.of(LabShell.script()).resolveSibling("demo-data");
        ProcessBuilder builder = new ProcessBuilder(script.toString(), "http://127.0.0.1:" + port, "admin",
                adminPassword.toString(), state.toString()).redirectErrorStream(true);
        builder.environment().put("WB_DEMO_JOBS", "3");
        builder.environment().put("WB_DEMO_WINDOW", "5");
        builder.environment().put("WB_DEMO_WAIT", "240");
        LabCluster.Ran ran = LabCluster.run(builder, 600);
        assertThat(ran.exitCode()).as(ran.output()).isZero();
        assertThat(ran.output()).as("waited for the run and the sync").doesNotContain("has not finished", "not started");
        Map<String, String> logins = new LinkedHashMap<>();
        ran.output().lines().filter(l -> l.startsWith("login: ")).forEach(l -> {
            String[] parts = l.substring("login: ".length()).split(" / ");
            logins.put(parts[0], parts[1]);
        });
        return logins;
    }

    /** Prints and keeps how long the step that ends now took. */
    private void step(String what) {
        long now = System.nanoTime();
        double seconds = Math.round((now - stepStarted) / 1e8) / 10.0;
        stepSeconds.put(what, seconds);
        System.out.printf("[newcomer] %s: %.1f s%n", what, seconds);
        stepStarted = now;
    }

    /** The value of the first choice of the select with this id other than "(default)", chosen. */
    private static String firstChoice(String id) {
        Select select = new Select(driver.findElement(By.id(id)));
        String value = select.getOptions().stream().map(o -> o.getDomAttribute("value")).filter(v -> v != null && !v.isEmpty())
                .findFirst().orElseThrow(() -> new AssertionError("the form offers no " + id));
        select.selectByValue(value);
        return value;
    }

    /** Opens the run page and waits (bounded) until its progress card, reloaded by htmx, says it is done. */
    private void awaitDone(String runPath, String jobs) {
        driver.get(url(runPath + "?lang=en"));
        new WebDriverWait(driver, Duration.ofMinutes(2)).ignoring(StaleElementReferenceException.class).until(d ->
                "100.0 %".equals(d.findElement(By.id("run-percent")).getText())
                && "Done".equals(d.findElement(By.id("run-state")).getText()));
        assertThat(text("count-submitted")).as("submitted: %s", runPath).isEqualTo(jobs);
        assertThat(text("count-failed")).as("failed: %s", runPath).isEqualTo("0");
    }

    /** Every element with data-chart on the page has been drawn by ECharts (data-drawn="true", a canvas). */
    private static void assertAllChartsDrawn(WebDriverWait wait, String what) {
        wait.until(d -> !d.findElements(By.cssSelector("[data-chart]")).isEmpty()
                && d.findElements(By.cssSelector("[data-chart]:not([data-drawn='true'])")).isEmpty());
        for (WebElement chart : driver.findElements(By.cssSelector("[data-chart]"))) {
            assertThat(chart.findElements(By.tagName("canvas"))).as("a canvas in %s: %s", what, chart.getDomAttribute("id"))
                    .isNotEmpty();
        }
    }

    /** The element's text, read again when htmx replaced it under the reader (the wait ignores a stale element). */
    private static String read(WebDriverWait wait, By by) {
        return wait.until(d -> d.findElement(by).getText());
    }

    /** Scrolls the page so that this element stands at the top of the window. */
    private static void scrollToTop(WebElement element) {
        driver.executeScript("window.scrollTo(0, arguments[0].getBoundingClientRect().top + window.scrollY - 16)", element);
    }

    /** The current page's path and query. */
    private static String path() {
        return driver.getCurrentUrl().replaceAll("^https?://[^/]+", "");
    }

    /** Saves what the {@value #WIDTH} px window shows as {@code target/readme-screenshots/NAME.png}. */
    private static void readmeScreenshot(String name) throws IOException {
        assertThat(driver.manage().window().getSize().getWidth()).isEqualTo(WIDTH);
        assertNothingWiderThanThePage("README screenshot " + name);
        Files.createDirectories(README_SHOTS);
        Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), README_SHOTS.resolve(name + ".png"),
                StandardCopyOption.REPLACE_EXISTING);
    }
}
