package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * In headless Chromium, as alice: cancel asks first (and "no" leaves the job running), a job followed on its page to
 * its end offers no action and is still there, saying where it comes from, after slurmctld has forgotten it; the
 * pages are looked at in English and Chinese at 1024 and 1440 px.
 */
class JobHistoryBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void cancelAsksFirstAndAnEndedJobStaysWithoutActions() throws IOException {
        LabCluster c = TestLab.present().getFirst();
        String run = "wb8-browser-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String user = TestUsers.ensure(jdbc, passwords, "alice");
        TestHttp alice = new TestHttp(port).basic(user, TestUsers.PASSWORD);
        String jobs = "/api/v1/clusters/" + c.name() + "/jobs";
        long sleeper = submit(alice, jobs, run + "-sleeper", "sleep 300");
        long failing = submit(alice, jobs, run + "-exit3", "sleep 2\\nexit 3");
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));

        freshLogin(user, wait);

        driver.get(url("/submit/jobs/" + c.name() + "/" + sleeper));
        wait.until(ExpectedConditions.textToBe(By.id("state-" + sleeper), "RUNNING"));
        driver.findElement(By.id("cancel-job")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("Cancel job " + sleeper);
        driver.switchTo().alert().dismiss();
        assertThat(LabShell.showJob(c, Long.toString(sleeper)).get("JobState")).as("a 'no' sends nothing").isEqualTo("RUNNING");
        driver.findElement(By.id("cancel-job")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.textToBe(By.id("state-" + sleeper), "CANCELLED"));
        assertThat(driver.findElements(By.id("cancel-job"))).as("no cancel on an ended job").isEmpty();

        driver.get(url("/submit/jobs/" + c.name() + "/" + failing));
        wait.until(ExpectedConditions.textToBe(By.id("state-" + failing), "FAILED"));
        assertThat(driver.findElements(By.id("cancel-job"))).isEmpty();
        LabShell.awaitLetGo(c, failing, sleeper);
        // the page reads the shared job list, renewed in the background: the first look may still be slurmctld's
        Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            driver.navigate().refresh();
            wait.until(ExpectedConditions.textToBe(By.id("state-" + failing), "FAILED"));
            return driver.findElement(By.id("job-source")).getText().contains("slurmctld has forgotten it");
        });
        assertThat(driver.findElements(By.id("cancel-job"))).isEmpty();
        assertThat(driver.findElement(By.id("job-steps")).getText()).contains(failing + ".batch");

        for (String lang : new String[]{"en", "zh"}) {
            for (int width : new int[]{1440, 1024}) {
                driver.manage().window().setSize(new Dimension(width, 1200));
                driver.get(url("/submit/jobs/" + c.name() + "/" + failing + "?lang=" + lang));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-steps")));
                assertNothingWiderThanThePage("job page " + lang + " " + width);
                screenshot("job-ended-" + lang + "-" + width);
                driver.get(url("/submit/jobs?cluster=" + c.name() + "&name=" + run + "&lang=" + lang));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-" + failing)));
                assertNothingWiderThanThePage("my jobs " + lang + " " + width);
                screenshot("my-jobs-" + lang + "-" + width);
            }
        }
        assertThat(driver.findElement(By.id("job-" + failing)).getText()).contains("失败");
        assertThat(driver.findElement(By.id("job-" + sleeper)).getText()).contains("已取消");
    }

    @Test
    void anArrayIsOneRowThatOpensToItsTasksAndStaysOpenWhileTheListRefreshes() throws IOException {
        LabCluster c = TestLab.present().getFirst();
        String run = "wb8-array-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String user = TestUsers.ensure(jdbc, passwords, "alice");
        TestHttp alice = new TestHttp(port).basic(user, TestUsers.PASSWORD);
        String jobs = "/api/v1/clusters/" + c.name() + "/jobs";
        TestHttp.Response r = alice.postJson(jobs, """
                {"name": "%s", "script": "#!/bin/bash\\nsleep 120\\n", "timeLimit": "10", "array": "0-3%%2"}""".formatted(run));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long array = r.json().path("jobId").asLong();
        try {
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(1)).until(() ->
                    "RUNNING".equals(LabShell.showJob(c, array + "_0").get("JobState")));
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(60));
            driver.manage().window().setSize(new Dimension(1440, 1200));
            freshLogin(user, wait);

            driver.get(url("/submit/jobs?cluster=" + c.name() + "&name=" + run + "&lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-" + array)));
            assertThat(driver.findElements(By.cssSelector("tr.task-row"))).as("an array is one row until opened").isEmpty();
            driver.findElement(By.id("tasks-" + array)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-" + array + "_0")));
            assertThat(driver.findElement(By.id("tasks-" + array)).getText()).isEqualTo("Hide tasks");
            assertThat(driver.findElement(By.id("task-" + array + "_0")).getText()).contains("RUNNING");
            // every task is accounted for: the started ones one by one, the pending rest as one row with its count
            long counted = driver.findElements(By.cssSelector("tr.task-row .badge")).stream().mapToLong(b -> {
                String t = b.getText();
                return t.contains("×") ? Long.parseLong(t.substring(t.indexOf('×') + 1).strip()) : 1;
            }).sum();
            assertThat(counted).isEqualTo(4);
            // the table reloads itself every 5 s and keeps the array open
            String before = driver.findElement(By.id("jobs")).getAttribute("hx-get");
            assertThat(before).contains("expand=" + array);
            wait.until(ExpectedConditions.stalenessOf(driver.findElement(By.id("task-" + array + "_0"))));
            assertThat(driver.findElement(By.id("task-" + array + "_0")).isDisplayed()).isTrue();
            assertNothingWiderThanThePage("my jobs, array open, en 1440");
            screenshot("my-jobs-array-en-1440");

            driver.manage().window().setSize(new Dimension(1024, 1200));
            driver.get(url("/submit/jobs?cluster=" + c.name() + "&name=" + run + "&expand=" + array + "&lang=zh"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("task-" + array + "_0")));
            assertThat(driver.findElement(By.id("tasks-" + array)).getText()).isEqualTo("收起任务");
            assertThat(driver.findElement(By.id("task-" + array + "_0")).getText()).contains("运行中");
            assertNothingWiderThanThePage("my jobs, array open, zh 1024");
            screenshot("my-jobs-array-zh-1024");
            driver.findElement(By.id("tasks-" + array)).click();
            wait.until(ExpectedConditions.invisibilityOfElementLocated(By.id("task-" + array + "_0")));
            assertThat(driver.findElement(By.id("tasks-" + array)).getText()).isEqualTo("展开任务");

            TestHttp.Response bad = alice.get("/submit/jobs?cluster=" + c.name() + "&expand=12x");
            assertThat(bad.status()).isEqualTo(400);
            assertThat(bad.body()).contains("expand").doesNotContain("Exception");
        } finally {
            alice.delete(jobs + "/" + array);
        }
    }

    /** A fresh session of {@code user}, in English. */
    private void freshLogin(String user, WebDriverWait wait) {
        driver.manage().deleteAllCookies();
        logIn(user, TestUsers.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));
    }

    private static long submit(TestHttp who, String jobs, String name, String script) {
        TestHttp.Response r = who.postJson(jobs, """
                {"name": "%s", "script": "#!/bin/bash\\n%s\\n", "timeLimit": "10"}""".formatted(name, script));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().path("jobId").asLong();
    }
}
