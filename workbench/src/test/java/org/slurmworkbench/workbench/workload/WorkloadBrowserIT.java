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
 * it, watch the progress bar (reloaded by htmx) reach 100 %, and open the analysis with its chart drawn, what the
 * scheduler did during the run and what it ran on (en, zh); repeat it in one click and compare the two (en, zh).
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
        // WB-11: creating asks first, saying how many jobs go to which cluster; "no" creates nothing
        String slurmJobs = text("preview-slurm-jobs");
        driver.findElement(By.id("create-submit")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
                .startsWith("Create a run of " + slurmJobs + " jobs on cluster " + c.name() + "?");
        driver.switchTo().alert().dismiss();
        assertThat(driver.getCurrentUrl()).endsWith("/workloads");
        driver.findElement(By.id("create-submit")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
        assertThat(driver.findElement(By.id("count-total")).getText()).isEqualTo("30");
        assertThat(driver.findElement(By.id("run-state")).getText()).isEqualTo("Created");
        // the run's settings: where it came from and how (WB-11)
        assertThat(text("setting-source")).isEqualTo("generator");
        assertThat(text("setting-cluster")).isEqualTo(c.name());
        assertThat(text("setting-jobs")).isEqualTo("30");
        assertThat(text("setting-seed")).matches("-?\\d+");
        assertThat(text("run-job-states-none")).isNotEmpty();
        screenshot("workload-created");

        driver.findElement(By.id("run-start")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText())
                .isEqualTo("Start this run: submit its 30 jobs to cluster " + c.name() + "?");
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        // its jobs' Slurm states, counted from the shared job list while the run goes
        new WebDriverWait(driver, Duration.ofMinutes(2)).ignoring(StaleElementReferenceException.class)
                .until(ExpectedConditions.presenceOfElementLocated(By.id("run-job-states-table")));
        screenshot("workload-running-states");
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

        // what the scheduler did (once the run's jobs have ended and its last /diag reading is in) and what it ran on
        new WebDriverWait(driver, Duration.ofMinutes(2)).pollingEvery(Duration.ofSeconds(3))
                .ignoring(StaleElementReferenceException.class).until(d -> {
            if (!d.findElements(By.id("scheduler-table")).isEmpty()
                    && d.findElement(By.id("scheduler-span")).getText().contains("at the end")) {
                return true;
            }
            d.navigate().refresh();
            return false;
        });
        String runPath = driver.getCurrentUrl().replaceAll("^https?://[^/]+", "").replace("/analysis", "");
        String first = runPath.substring(runPath.lastIndexOf('/') + 1);
        assertThat(Long.parseLong(driver.findElement(By.cssSelector("#scheduler-main .sched-main-cycles")).getText())).isPositive();
        assertThat(driver.findElement(By.id("ran-on")).getText()).startsWith("Slurm " + c.series());
        boolean conf = c.series().equals("26.05");
        assertThat(driver.findElements(By.id("ran-on-config")).isEmpty()).isEqualTo(!conf);
        assertThat(driver.findElements(By.id("ran-on-no-config")).isEmpty()).isEqualTo(conf);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('scheduler-card').scrollIntoView()");
        screenshot("workload-analysis-scheduler");
        driver.get(url(runPath + "/analysis?lang=zh"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("scheduler-table")));
        assertThat(driver.findElement(By.id("scheduler-card")).getText()).contains("运行期间调度器做了什么", "主调度器", "回填")
                .doesNotContain("Main scheduler");
        assertThat(driver.findElement(By.id("cluster-card")).getText()).contains("运行所在集群");
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "document.getElementById('scheduler-card').scrollIntoView()");
        screenshot("workload-analysis-scheduler-zh");

        // repeat it in one click: a new run of the same plan, created, not started
        driver.get(url(runPath + "?lang=en"));
        driver.findElement(By.id("run-repeat")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
        String second = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(second).isNotEqualTo(first);
        assertThat(driver.findElement(By.id("count-total")).getText()).isEqualTo("30");
        assertThat(driver.findElement(By.id("run-state")).getText()).isEqualTo("Created");

        // the comparison: settings first (the repeat, never started, has none recorded: said plainly), then results
        for (String lang : java.util.List.of("en", "zh")) {
            driver.get(url("/workloads/compare?a=" + first + "&b=" + second + "&lang=" + lang));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("settings-card")));
            String settings = driver.findElement(By.id("settings-card")).getText();
            assertThat(settings).contains(second).contains(lang.equals("en") ? "was not recorded" : "未记录");
            assertThat(driver.findElement(By.id("scheduler-compare-card")).getText())
                    .contains(lang.equals("en") ? "Main cycles" : "主调度周期数");
            screenshot("workload-compare-" + lang);
        }
        // a run compared with itself is refused, naming the field, in the page's language (WB-11)
        driver.get(url("/workloads/compare?a=" + first + "&b=" + first + "&lang=en"));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-message")));
        assertThat(text("error-message")).contains("Run b is run a itself (" + first + ")");
        driver.get(url("/workloads/compare?a=" + first + "&b=" + first + "&lang=zh"));
        assertThat(text("error-message")).contains("运行 b 就是运行 a 本身");
        // the run page's entry point: "compare with" offers the other runs, never the run itself
        driver.get(url(runPath + "?lang=en"));
        Select with = new Select(driver.findElement(By.id("compare-with-b")));
        assertThat(with.getOptions()).extracting(o -> o.getDomAttribute("value")).contains(second).doesNotContain(first);
        with.selectByValue(second);
        driver.findElement(By.id("compare-with-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("settings-card")));
        assertThat(driver.getCurrentUrl()).contains("a=" + first).contains("b=" + second);
        try {
            for (String lang : java.util.List.of("en", "zh")) {
                for (int width : new int[]{1024, 1440}) {
                    driver.manage().window().setSize(new org.openqa.selenium.Dimension(width, 1400));
                    driver.get(url(runPath + "?lang=" + lang));
                    assertNothingWiderThanThePage("run page, " + lang + " " + width);
                    screenshot("workload-run-" + lang + "-" + width);
                    driver.get(url("/workloads?lang=" + lang));
                    assertNothingWiderThanThePage("runs page, " + lang + " " + width);
                    screenshot("workload-runs-" + lang + "-" + width);
                }
            }
        } finally {
            driver.manage().window().setSize(new org.openqa.selenium.Dimension(1440, 1400));
            driver.get(url("/workloads?lang=en"));
        }
    }
}
