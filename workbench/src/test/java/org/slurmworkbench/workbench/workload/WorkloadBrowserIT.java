package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;

/**
 * In headless Chromium, as the admin: preview a run of the "scheduler stress" preset made small in the form (a bad
 * number shown on its field first, then the charts), create it, start
 * it, watch the progress bar (reloaded by htmx) reach 100 %, and open the analysis with its chart drawn.
 */
@BrowserTestBase.Window(width = 1440, height = 1400)
class WorkloadBrowserIT extends BrowserTestBase {

    @Test
    void createFromAPresetWatchTheProgressBarReachTheEndAndOpenTheAnalysis() throws IOException {
        LabCluster c = TestLab.present().getLast();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        logIn("admin", "admin-test-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));

        driver.get(url("/workloads"));
        new Select(driver.findElement(By.id("create-cluster"))).selectByValue(c.name());
        new Select(driver.findElement(By.id("create-preset"))).selectByValue("scheduler-stress");
        // nothing to create before a preview; a bad number comes back on its field, then a good one gives the preview
        assertThat(driver.findElements(By.id("create-submit"))).isEmpty();
        WebElement jobs = driver.findElement(By.id("create-jobs"));
        jobs.clear();
        jobs.sendKeys("thirty");
        driver.findElement(By.id("create-preview")).click();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-jobs")));
        assertThat(driver.findElement(By.id("error-jobs")).getText()).isEqualTo("must be a whole number");
        assertThat(driver.findElements(By.id("plan-preview"))).isEmpty();
        jobs = driver.findElement(By.id("create-jobs"));
        jobs.clear();
        jobs.sendKeys("30");
        driver.findElement(By.id("create-preview")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("plan-preview")));
        assertThat(driver.findElement(By.id("preview-submissions")).getText()).isEqualTo("30");
        assertThat(driver.findElements(By.id("error-jobs"))).isEmpty();
        // the four charts drawn by ECharts (a canvas each) before anything is submitted
        for (String chart : new String[]{"cpus", "runTimes", "arrivals", "load"}) {
            wait.until(ExpectedConditions.presenceOfNestedElementLocatedBy(By.id("preview-chart-" + chart), By.tagName("canvas")));
        }
        screenshot("workload-preview");
        driver.findElement(By.id("create-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
        assertThat(driver.findElement(By.id("count-total")).getText()).isEqualTo("30");
        assertThat(driver.findElement(By.id("run-state")).getText()).isEqualTo("Created");
        screenshot("workload-created");

        driver.findElement(By.id("run-start")).click();
        // htmx replaces the card every 2 s, so an element found may go stale before it is read
        new WebDriverWait(driver, Duration.ofMinutes(5)).ignoring(StaleElementReferenceException.class).until(d ->
                "100.0 %".equals(d.findElement(By.id("run-percent")).getText())
                && "Done".equals(d.findElement(By.id("run-state")).getText()));
        // over: the card is no longer replaced
        assertThat(driver.findElement(By.id("run-progress")).getDomAttribute("value")).isEqualTo("100.0");
        assertThat(driver.findElement(By.id("count-submitted")).getText()).isEqualTo("30");
        screenshot("workload-done");

        driver.findElement(By.id("analysis-link")).click();
        // the page shows what Slurm had answered within a few seconds; a reload shows more once it has all 30 jobs
        new WebDriverWait(driver, Duration.ofMinutes(2)).pollingEvery(Duration.ofSeconds(3))
                .ignoring(StaleElementReferenceException.class).until(d -> {
            if (d.findElement(By.id("metrics-all")).getText().startsWith("All jobs 30 30")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        wait.until(ExpectedConditions.attributeToBe(By.id("utilization-chart"), "data-drawn", "true"));
        assertThat(driver.findElement(By.id("csv-jobs")).getDomAttribute("href")).endsWith("analysis.csv?part=jobs");
        screenshot("workload-analysis");
    }
}
