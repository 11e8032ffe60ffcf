package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.SyncNow;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * In headless Chromium, as alice: an ended job's page shows its CPU, memory and time-limit use with the formulas as
 * tooltips and plain hints, in English and Chinese at 1440 and 1024 px; "my jobs" shows the small CPU/memory figure
 * once the job is read from accounting; Cosmos shows the job's memory and time-limit metrics with their units and
 * charts one of them.
 */
class EfficiencyBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void anEndedJobShowsHowWellItUsedWhatItWasGiven() throws IOException {
        LabCluster c = TestLab.present().getFirst();
        String run = "wb9-browser-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String user = TestUsers.ensure(jdbc, passwords, "alice");
        TestHttp alice = new TestHttp(port).basic(user, TestUsers.PASSWORD);
        TestHttp admin = new TestHttp(port).basic("admin", "admin-test-password");
        // short (the lab samples memory every 5 s): the numbers are EfficiencyIT's to check, the page's to show
        TestHttp.Response r = alice.postJson("/api/v1/clusters/" + c.name() + "/jobs", """
                {"name": "%s", "script": "#!/bin/bash\\n%s\\n", "timeLimit": "5", "cpusPerTask": 4, "memory": "1000M",
                 "output": "/dev/null"}""".formatted(run, EfficiencyIT.script(12)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long job = r.json().path("jobId").asLong();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(120));
        try {
            Awaitility.await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(3)).until(() -> {
                List<String> l = LabShell.lines(c, "sacct", "-j", Long.toString(job), "-X", "-n", "-P", "-o", "State");
                return !l.isEmpty() && l.getFirst().startsWith("COMPLETED");
            });
            driver.manage().deleteAllCookies();
            logIn(user, TestUsers.PASSWORD);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));

            // still held by slurmctld: the page reads the steps from slurmdbd
            driver.get(url("/submit/jobs/" + c.name() + "/" + job + "?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-efficiency")));
            assertThat(text("eff-cpu")).containsPattern("\\d+(\\.\\d)? % asked for 4 CPUs, used \\d+\\.\\d on average");
            assertThat(text("eff-memory")).containsPattern("\\d+ % asked for 1000 MiB, peaked at \\d+ MiB");
            assertThat(text("eff-time")).containsPattern("used \\d+(\\.\\d)? % of the time limit \\(00:00:\\d\\d of 00:05:00\\)");
            assertThat(driver.findElement(By.id("eff-cpu")).getAttribute("title"))
                    .startsWith("CPU time used by all steps / (elapsed × allocated CPUs)");
            assertThat(driver.findElement(By.id("eff-memory")).getAttribute("title")).contains("MaxRSS", "per node");

            LabShell.awaitLetGo(c, job);
            SyncNow.sync(admin, c.name());
            // the page reads the shared job list, renewed in the background: once it has let go, the copy answers
            Awaitility.await().atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofSeconds(2)).until(() -> {
                driver.get(url("/submit/jobs/" + c.name() + "/" + job + "?lang=en"));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-source")));
                return text("job-source").contains("accounting copy");
            });
            assertThat(text("eff-memory")).containsPattern("asked for 1000 MiB, peaked at \\d+ MiB");
            java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneOffset.UTC);
            String cosmos = "/accounting?cluster=" + c.name() + "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1)
                    + "&name=" + run + "&groupBy=user&period=day&chart=memEfficiency&metrics=jobs,cpuEfficiency,"
                    + "memEfficiency,meanMemRequestedGiB,meanMemPeakGiB,memPeakGiBHours,timeLimitUse,lowTimeLimitUseShare";
            for (String lang : new String[]{"en", "zh"}) {
                for (int width : new int[]{1440, 1024}) {
                    driver.manage().window().setSize(new Dimension(width, 1200));
                    driver.get(url("/submit/jobs/" + c.name() + "/" + job + "?lang=" + lang));
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-efficiency")));
                    assertNothingWiderThanThePage("job page " + lang + " " + width);
                    screenshot("job-efficiency-" + lang + "-" + width);
                    driver.get(url(cosmos + "&lang=" + lang));
                    wait.until(ExpectedConditions.attributeToBe(By.id("usage-chart"), "data-drawn", "true"));
                    assertNothingWiderThanThePage("Cosmos efficiency " + lang + " " + width);
                    assertThat(text("chart-title")).isEqualTo(lang.equals("en") ? "Mean memory efficiency (%)" : "平均内存效率 (%)");
                    screenshot("cosmos-efficiency-" + lang + "-" + width);
                    driver.executeScript("document.getElementById('usage-chart').scrollIntoView()");
                    screenshot("cosmos-efficiency-table-" + lang + "-" + width);
                    driver.get(url("/submit/jobs?cluster=" + c.name() + "&name=" + run + "&lang=" + lang));
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("eff-" + job)));
                    assertNothingWiderThanThePage("my jobs " + lang + " " + width);
                    screenshot("my-jobs-efficiency-" + lang + "-" + width);
                }
            }
            assertThat(text("eff-" + job)).matches("CPU \\d+(\\.\\d)? % · 内存 \\d+ %");
            // Cosmos: memory and time-limit metrics with units, shares in percent, the chart of one of them
            driver.get(url(cosmos + "&lang=en"));
            wait.until(ExpectedConditions.attributeToBe(By.id("usage-chart"), "data-drawn", "true"));
            assertThat(text("chart-title")).isEqualTo("Mean memory efficiency (%)");
            assertThat(text("col-meanMemPeakGiB")).isEqualTo("Mean peak memory per node (GiB)");
            assertThat(driver.findElement(By.cssSelector("#col-memEfficiency a")).getAttribute("title"))
                    .contains("largest MaxRSS / memory requested per node");
            assertThat(text("accounting-table")).containsPattern("alice \\d+ \\d+\\.\\d %");
            assertThat(driver.findElements(By.cssSelector("#usage-chart canvas"))).isNotEmpty();
            driver.get(url("/submit/jobs/" + c.name() + "/" + job + "?lang=zh"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-efficiency")));
            assertThat(text("eff-cpu")).contains("申请了 4 个 CPU，平均使用");
            assertThat(text("eff-memory")).contains("申请了 1000 MiB，峰值");
            assertThat(text("eff-time")).contains("用了时间限制的");
            driver.get(url("/submit/jobs/" + c.name() + "/" + job + "?lang=en"));
        } finally {
            LabShell.run(c, "scancel", Long.toString(job));
        }
    }
}
