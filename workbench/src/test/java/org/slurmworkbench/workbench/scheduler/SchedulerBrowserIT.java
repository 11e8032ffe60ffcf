package org.slurmworkbench.workbench.scheduler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;

/**
 * The scheduler page in headless Chromium, in English and Chinese at 1024 and 1440 px: the figures, the RPC tables
 * and the history card are there, labels are in the page's language, a field the release's API lacks says so, and
 * nothing makes the page or a table scroll sideways. Screenshots in target/screenshots/scheduler-*.png.
 */
@BrowserTestBase.Window(width = 1440, height = 1000)
class SchedulerBrowserIT extends BrowserTestBase {

    @Test
    void thePageFitsAndSpeaksBothLanguages() throws IOException {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        logIn("admin", "admin-test-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-scheduler")));

        for (LabCluster lab : List.of(TestLab.present().getFirst(), TestLab.present().getLast())) {
            boolean old = lab.series().equals("22.05");
            for (int width : new int[] {1024, 1440}) {
                for (String lang : List.of("en", "zh")) {
                    driver.manage().window().setSize(new Dimension(width, 1000));
                    driver.get(url("/scheduler?cluster=" + lab.name() + "&lang=" + lang));
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("figure-main-last")));
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#scheduler-history .card-head")));
                    wait.until(d -> !d.findElements(By.id("scheduler-history-empty")).isEmpty()
                            || !d.findElements(By.cssSelector("#scheduler-chart-cycles[data-drawn='true'] canvas")).isEmpty());
                    screenshot("scheduler-" + lab.series() + "-" + width + "-" + lang);
                    String text = driver.findElement(By.tagName("main")).getText();
                    String what = lab + " " + width + " px " + lang;
                    if (lang.equals("en")) {
                        assertThat(text).as(what).contains("Main scheduler", "Backfill scheduler", "Last cycle", "RPCs by type",
                                "RPCs by user", "Scheduler history");
                        assertThat(driver.findElement(By.id("nav-scheduler")).getText()).isEqualTo("Scheduler");
                    } else {
                        assertThat(text).as(what).contains("主调度器", "回填调度器", "上一周期", "按类型的 RPC", "按用户的 RPC", "调度器历史")
                                .doesNotContain("Main scheduler", "Last cycle", "Backfill scheduler", "not offered");
                        assertThat(driver.findElement(By.id("nav-scheduler")).getText()).isEqualTo("调度器");
                    }
                    String notOffered = lang.equals("en") ? "not offered by this Slurm version" : "此 Slurm 版本不提供";
                    assertThat(driver.findElement(By.id("figure-bf-depth")).getText().contains(notOffered))
                            .as("%s: backfill's last depth not offered on 22.05 only", what).isEqualTo(old);
                    assertNothingWiderThanThePage(what);
                    Object clipped = driver.executeScript("""
                            const out = [];
                            document.querySelectorAll('#scheduler-live .card, #scheduler-live .table-scroll, #scheduler-history .panel')
                              .forEach(e => { if (e.scrollWidth > e.clientWidth + 1) out.push(e.id || e.className); });
                            return out.join(', ');""");
                    assertThat(clipped).as("cards or tables wider than their box: %s", what).isEqualTo("");
                }
            }
        }
        driver.get(url("/scheduler?lang=en")); // leave the session in English
    }
}
