package org.slurmworkbench.workbench.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.JobSubmission;
import org.slurmworkbench.slurm.SlurmApi;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;

/**
 * The dashboard in Debian's headless Chromium: the charts are drawn (a canvas with painted pixels), the partition
 * table and the node grid are there, and a job started in Slurm appears on the grid without a page reload.
 */
class DashboardBrowserIT extends BrowserTestBase {

    @Test
    void chartsTablesAndGridAreThereAndANewJobShowsUpWithoutAReload() throws Exception {
        LabCluster lab = TestLab.present().getLast();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        // The cards reload every few seconds: an element found by one poll may be replaced before it is read.
        wait.ignoring(StaleElementReferenceException.class);
        logIn("admin", "admin-test-password");

        String card = "overview-" + lab.name();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + card + " .chart[data-drawn='true'] canvas")));
        for (String chart : new String[] {"chart-resources-", "chart-nodes-"}) {
            assertThat(paintedPixels(chart + lab.name())).as("pixels painted in %s", chart).isGreaterThan(500);
        }
        unswapped(() -> {
            WebElement partitions = driver.findElement(By.id("partitions-" + lab.name()));
            assertThat(partitions.findElement(By.id("partition-" + lab.name() + "-cpu")).getText()).contains("cpu");
            assertThat(partitions.findElement(By.id("partition-" + lab.name() + "-gpu")).getText()).contains("gpu");
            assertThat(driver.findElements(By.cssSelector("#grid-" + lab.name() + " .node-cell"))).hasSize(4);
            assertThat(driver.findElement(By.id(card)).getText()).contains("Live");
            assertThat(driver.findElement(By.id("overview-dead")).getText()).contains("No data yet");
        });

        driver.executeScript("window.wbNoReload = 42;");
        SlurmApi alice = lab.client().as("alice");
        long id = alice.submit(JobSubmission.builder("#!/bin/bash\nsleep 300\n").name("wbdash-browser").partition("gpu")
                .qos(lab.gpuQos()).gpusPerNode(1).timeLimitMinutes(10).workDir("/tmp").standardOutput("/dev/null").build()).jobId();
        try {
            By onGrid = By.cssSelector("#grid-" + lab.name() + " [data-job-id='" + id + "']");
            new WebDriverWait(driver, Duration.ofSeconds(60)).until(ExpectedConditions.presenceOfElementLocated(onGrid));
            assertThat(driver.executeScript("return window.wbNoReload;")).as("no full reload").isEqualTo(42L);
            unswapped(() -> {
                WebElement cell = driver.findElement(onGrid).findElement(By.xpath("ancestor::div[contains(@class,'node-cell')]"));
                new Actions(driver).moveToElement(cell).perform();
                WebElement detail = cell.findElement(By.className("node-detail"));
                new WebDriverWait(driver, Duration.ofSeconds(3)).until(ExpectedConditions.visibilityOf(detail));
                assertThat(detail.getText()).contains(String.valueOf(id)).contains("alice").contains("1 GPU");
            });
            assertThat(paintedPixels("chart-resources-" + lab.name())).as("charts redrawn after the swap").isGreaterThan(500);
            screenshot("dashboard-overview");
        } finally {
            alice.cancel(id);
        }

        // utilization history: another range reloads the card in place, its charts drawn again
        wait.until(ExpectedConditions.elementToBeClickable(By.id("history-" + lab.name() + "-1h")));
        unswapped(() -> driver.findElement(By.id("history-" + lab.name() + "-1h")).click());
        wait.until(ExpectedConditions.attributeContains(By.id("history-" + lab.name() + "-1h"), "class", "active"));
        wait.until(d -> paintedPixels("history-chart-resources-" + lab.name()) > 500);
        assertThat(driver.executeScript("return window.wbNoReload;")).as("no full reload").isEqualTo(42L);
        screenshot("dashboard-history");

        // one partition, then a custom range typed in local time: the card reloads with that partition's series
        String hist = "history-" + lab.name();
        unswapped(() -> new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("history-partition-" + lab.name())))
                .selectByValue("gpu"));
        wait.until(d -> "gpu".equals(d.findElement(By.id("history-partition-" + lab.name())).getAttribute("value")));
        wait.until(d -> d.findElement(By.id("history-chart-resources-" + lab.name())).getAttribute("data-chart").contains("64.0"));
        unswapped(() -> {
            driver.executeScript("""
                    const f = document.getElementById(arguments[0]), t = document.getElementById(arguments[1]);
                    const local = d => new Date(d.getTime() - d.getTimezoneOffset() * 60000).toISOString().slice(0, 16);
                    f.value = local(new Date(Date.now() - 3 * 3600 * 1000)); t.value = local(new Date(Date.now() + 60000));""",
                    "history-from-" + lab.name(), "history-to-" + lab.name());
            driver.findElement(By.id("history-apply-" + lab.name())).click();
        });
        wait.until(d -> d.findElement(By.id(hist)).findElements(By.cssSelector(".ranges button.active")).isEmpty());
        wait.until(d -> paintedPixels("history-chart-resources-" + lab.name()) > 500);
        assertThat(driver.findElement(By.id("history-partition-" + lab.name())).getAttribute("value")).isEqualTo("gpu");
        assertThat(driver.findElement(By.id(hist)).findElements(By.cssSelector(".history-error"))).isEmpty();
        assertThat(driver.executeScript("return window.wbNoReload;")).as("no full reload").isEqualTo(42L);
        screenshot("dashboard-history-gpu-custom");

        driver.get(url("/?lang=zh"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#" + card + " .chart[data-drawn='true']")));
        unswapped(() -> assertThat(driver.findElement(By.id(card)).getText()).contains("节点网格").contains("分区").contains("用户排行"));
        screenshot("dashboard-overview-zh");
        driver.get(url("/?lang=en"));
    }

    /**
     * Runs checks on elements that htmx may replace at any moment (the cards reload every few seconds): when one
     * goes stale in between, the checks run again on the new ones.
     */
    private static void unswapped(Runnable checks) {
        for (int attempt = 1; ; attempt++) {
            try {
                checks.run();
                return;
            } catch (StaleElementReferenceException | TimeoutException e) {
                if (attempt == 5) {
                    throw e;
                }
            }
        }
    }

    /** Non-transparent pixels on the chart's canvas. */
    private long paintedPixels(String chartId) {
        Object n = driver.executeScript("""
                const c = document.querySelector('#' + arguments[0] + ' canvas');
                if (!c) return 0;
                const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                let painted = 0;
                for (let i = 3; i < d.length; i += 4) if (d[i] > 0) painted++;
                return painted;""", chartId);
        return ((Number) n).longValue();
    }
}
