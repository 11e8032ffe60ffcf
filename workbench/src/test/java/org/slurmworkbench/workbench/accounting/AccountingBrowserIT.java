package org.slurmworkbench.workbench.accounting;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.SyncNow;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Cosmos page in Debian's headless Chromium: a known workload is synced, the query form runs, the URL carries the
 * query, the table shows the workload's users, the chart draws, a column sorts, and the CSV link downloads a file
 * with the same rows. Screenshots go to target/screenshots/.
 */
class AccountingBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void runAQuerySeeTheTableAndTheChartAndDownloadTheCsv() throws Exception {
        LabCluster lab = TestLab.present().getFirst();
        LabWorkload w = LabWorkload.run(lab);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        logIn("admin", "admin-test-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-accounting")));
        // Sync as an admin does: the sync panel's button for the cluster, which answers in its row.
        driver.findElement(By.id("nav-accounting")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accounting-form")));
        driver.findElement(By.cssSelector("#sync-panel summary")).click();
        driver.findElement(By.id("sync-now-" + lab.name())).click();
        WebElement answer = new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#sync-result-" + lab.name() + " [data-state]")));
        String state = answer.getAttribute("data-state");
        assertThat(state).as("sync now: %s", answer.getText()).isIn("done", "running");
        if (state.equals("running")) {
            SyncNow.awaitCovered(new TestHttp(port).basic("admin", "admin-test-password"), lab.name(),
                    Instant.parse(answer.getAttribute("data-requested-at")));
        } else {
            assertThat(answer.getText()).containsPattern("\\d+ job records read");
        }

        String today = LocalDate.now(ZoneOffset.UTC).toString();
        WebElement from = driver.findElement(By.id("q-from"));
        driver.executeScript("arguments[0].value = arguments[1]; document.getElementById('q-to').value = arguments[2];",
                from, today, LocalDate.now(ZoneOffset.UTC).plusDays(1).toString());
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("q-cluster"))).selectByValue(lab.name());
        driver.findElement(By.id("q-name")).sendKeys(w.tag());
        for (String g : List.of("user", "account")) {
            WebElement box = driver.findElement(By.id("group-" + g));
            if (!box.isSelected()) {
                box.click();
            }
        }
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("q-period"))).selectByValue("day");
        driver.findElement(By.id("q-submit")).click();

        wait.until(ExpectedConditions.urlContains("name=" + w.tag()));
        assertThat(driver.getCurrentUrl()).contains("groupBy=user").contains("groupBy=account").contains("period=day")
                .contains("cluster=" + lab.name());
        wait.until(ExpectedConditions.attributeToBe(By.id("usage-chart"), "data-drawn", "true"));
        List<WebElement> rows = driver.findElements(By.cssSelector("#accounting-table tbody tr.result-row"));
        assertThat(rows).hasSize(2);
        assertThat(driver.findElement(By.id("accounting-table")).getText()).contains("alice").contains("carol")
                .contains("physics").contains("chemistry");
        assertThat(driver.findElements(By.cssSelector("#usage-chart canvas"))).isNotEmpty();
        screenshot("accounting");

        // Sort by CPU-hours, descending then ascending: the URL carries it too.
        driver.findElement(By.cssSelector("#col-cpuHours a")).click();
        wait.until(ExpectedConditions.urlContains("sort=cpuHours"));
        assertThat(driver.findElement(By.id("col-cpuHours")).getText()).contains("▲");

        driver.findElement(By.id("csv-download")).click();
        Path csv = awaitDownload();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.getFirst()).startsWith("period,user,account,jobs,cpuHours");
        assertThat(lines).hasSize(3);
        assertThat(String.join("\n", lines)).contains("alice,physics").contains("carol,chemistry");

        theJobsViewNamesJobsAsSlurmDoesAndFindsThemById(lab, w, wait);
        theLinksKeepTheQueryAndTheTotalsKeepTheJobCount(lab, w, wait);
        theSyncPanelBackfillsAndFollowsItWithoutAReload(lab, wait);

        driver.get(url("/accounting?lang=en"));
        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "记账 · Cosmos"));
        assertThat(driver.findElement(By.id("q-submit")).getText()).isEqualTo("查询");
        assertThat(driver.findElement(By.id("csv-download")).getText()).isEqualTo("下载 CSV");
        screenshot("accounting-zh");
        driver.findElement(By.id("lang-en")).click();
    }

    /**
     * The jobs view: the columns a reader compares (not the 26 of the CSV), each job named as Slurm writes it
     * ({@code 12_1} for an array task) and linked to its page, states in words, a heading that says what is listed,
     * and a job-id search that finds an array's tasks.
     */
    private void theJobsViewNamesJobsAsSlurmDoesAndFindsThemById(LabCluster lab, LabWorkload w, WebDriverWait wait)
            throws java.io.IOException {
        String range = "&from=" + LocalDate.now(ZoneOffset.UTC) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
        driver.get(url("/accounting?view=jobs&lang=en&cluster=" + lab.name() + "&name=" + w.tag() + range));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accounting-table")));
        assertThat(driver.findElement(By.cssSelector("p.lead")).getText()).contains("pending, running or ended");
        List<String> headers = driver.findElements(By.cssSelector("#accounting-table thead th")).stream()
                .map(e -> e.getAttribute("id")).toList();
        assertThat(headers.getFirst()).isEqualTo("col-jobId");
        assertThat(headers).hasSizeLessThanOrEqualTo(19).doesNotContain("col-arrayJobId", "col-arrayTaskId", "col-hetJobId",
                "col-hetJobOffset");
        long array = w.jobIds().get(1);
        List<String> links = driver.findElements(By.cssSelector("#accounting-table tbody td:first-child a")).stream()
                .map(a -> a.getText() + " " + a.getAttribute("href")).toList();
        assertThat(links).hasSize(4).contains(array + "_0 " + url("/submit/jobs/" + lab.name() + "/" + array + "_0"),
                array + "_1 " + url("/submit/jobs/" + lab.name() + "/" + array + "_1"));
        assertThat(driver.findElement(By.id("accounting-table")).getText()).contains("COMPLETED");

        driver.findElement(By.id("q-jobId")).sendKeys(Long.toString(array));
        driver.findElement(By.id("q-submit")).click();
        wait.until(ExpectedConditions.urlContains("jobId=" + array));
        assertThat(driver.findElements(By.cssSelector("#accounting-table tbody tr.result-row"))).hasSize(2);
        assertThat(driver.findElement(By.id("result-count")).getText()).isEqualTo("2 rows");
        driver.get(driver.getCurrentUrl() + "&lang=zh");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("accounting-table")));
        assertThat(driver.findElement(By.id("accounting-table")).getText()).contains("已完成").doesNotContain("COMPLETED");
        screenshot("accounting-jobs-zh");
    }

    /**
     * Sorting, paging and the range links start from the query shown, the default grouping by user included; with no
     * grouping the totals row still shows the job count; the share of CPU is in percent.
     */
    private void theLinksKeepTheQueryAndTheTotalsKeepTheJobCount(LabCluster lab, LabWorkload w, WebDriverWait wait) {
        driver.get(url("/accounting?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("preset-7")));
        driver.findElement(By.id("preset-7")).click();
        wait.until(ExpectedConditions.urlContains("from="));
        assertThat(driver.getCurrentUrl()).contains("groupBy=user");
        assertThat(driver.findElement(By.id("group-user")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("col-user"))).isNotNull();

        String range = "&from=" + LocalDate.now(ZoneOffset.UTC) + "&to=" + LocalDate.now(ZoneOffset.UTC).plusDays(1);
        driver.get(url("/accounting?lang=en&metrics=jobs&metrics=share&cluster=" + lab.name() + "&name=" + w.tag() + range));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("totals-row")));
        assertThat(driver.findElement(By.cssSelector("#totals-row td:first-child")).getText()).isEqualTo("Total: 4");
        assertThat(driver.findElement(By.cssSelector("#accounting-table tbody tr.result-row")).getText())
                .isEqualTo("4 100.0 %");
    }

    /**
     * The admins' backfill form starts a backfill of today (a future start is refused naming the field), and the
     * panel's rows follow it to the end without a reload.
     */
    private void theSyncPanelBackfillsAndFollowsItWithoutAReload(LabCluster lab, WebDriverWait wait) throws java.io.IOException {
        driver.get(url("/accounting?lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("sync-panel")));
        driver.findElement(By.cssSelector("#sync-panel summary")).click();
        new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("backfill-cluster"))).selectByValue(lab.name());
        driver.executeScript("document.getElementById('backfill-from').value = arguments[0];",
                LocalDate.now(ZoneOffset.UTC).plusDays(2).toString());
        driver.findElement(By.id("backfill-start")).click();
        WebElement refused = wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#backfill-result [data-state]")));
        assertThat(refused.getAttribute("data-state")).isEqualTo("invalid");
        assertThat(refused.getText()).startsWith("From: is in the future");

        driver.executeScript("document.getElementById('backfill-from').value = arguments[0];",
                LocalDate.now(ZoneOffset.UTC).toString());
        driver.findElement(By.id("backfill-start")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#backfill-result [data-state=backfilling]")));
        // no reload from here: the rows renew themselves every 10 s (an earlier backfill of the cluster may show
        // until the first renewal: this one starts today at midnight)
        String today = LocalDate.now(ZoneOffset.UTC) + " 00:00";
        new WebDriverWait(driver, Duration.ofSeconds(90)).pollingEvery(Duration.ofSeconds(1)).until(d -> {
            String cell = d.findElement(By.id("backfill-" + lab.name())).getText();
            return cell.startsWith(today) && cell.contains("done");
        });
        assertThat(driver.findElement(By.cssSelector("#backfill-result [data-state]")).getText()).startsWith("Backfill of " + lab.name());
        screenshot("accounting-backfill");
    }

    private static Path awaitDownload() throws Exception {
        Path downloads = browser.downloads();
        for (int i = 0; i < 100; i++) {
            try (var files = Files.list(downloads)) {
                var done = files.filter(p -> p.toString().endsWith(".csv")).findFirst();
                if (done.isPresent()) {
                    return done.get();
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError("no CSV was downloaded to " + downloads);
    }
}
