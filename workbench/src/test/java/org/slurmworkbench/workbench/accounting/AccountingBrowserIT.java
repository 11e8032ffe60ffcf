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
        wait.until(ExpectedConditions.attributeToBe(By.id("usage-chart"), "data-rendered", "true"));
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

        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBe(By.tagName("h1"), "记账 · Cosmos"));
        assertThat(driver.findElement(By.id("q-submit")).getText()).isEqualTo("查询");
        assertThat(driver.findElement(By.id("csv-download")).getText()).isEqualTo("下载 CSV");
        screenshot("accounting-zh");
        driver.findElement(By.id("lang-en")).click();
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
