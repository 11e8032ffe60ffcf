package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestLab;

/**
 * In Debian's headless Chromium, as the admin: find alice's job with the header's search from the dashboard, get a
 * plain message for an id that is none, and the queue page at 1024 and 1440 px in English and Chinese with nothing
 * wider than the window (screenshots in target/screenshots/queue-*.png).
 */
@BrowserTestBase.Window(width = 1440, height = 1000)
class QueueBrowserIT extends BrowserTestBase {

    @Test
    void theAdminFindsAnotherUsersJobFromTheHeader() throws IOException {
        LabCluster lab = TestLab.present().getFirst();
        String tag = "wbq-browser-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        List<String> ids = new ArrayList<>();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        try {
            ids.add(LabShell.sbatch(lab, "alice", tag + "-alice", "-H"));
            ids.add(LabShell.sbatch(lab, "bob", tag + "-bob", "-H"));
            ids.add(LabShell.sbatch(lab, "alice", tag + "-array", "-H", "-a", "1-3"));
            String alices = ids.getFirst();

            logIn("admin", "admin-test-password");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-search")));
            // the shared job list is a few seconds old at most; sbatch went around the app
            wait.until(d -> {
                d.get(url("/api/v1/clusters/" + lab.name() + "/queue?state=all&name=" + tag + "-alice"));
                return d.getPageSource().contains("\"total\":1"); // the one job of that name
            });
            driver.get(url("/"));
            driver.findElement(By.id("job-search")).sendKeys(alices, Keys.ENTER);
            wait.until(ExpectedConditions.urlContains("/submit/jobs/"));
            assertThat(driver.getCurrentUrl()).endsWith("/submit/jobs/" + lab.name() + "/" + alices);
            assertThat(driver.getPageSource()).contains(tag + "-alice");
            screenshot("queue-found-by-header-search");

            driver.findElement(By.id("job-search")).sendKeys("12x", Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("find-error")));
            assertThat(driver.findElement(By.id("find-error")).getText()).contains("'12x' is not a job id");

            for (int width : new int[]{1024, 1440}) {
                for (String lang : List.of("en", "zh")) {
                    driver.manage().window().setSize(new Dimension(width, 1000));
                    driver.get(url("/jobs?cluster=" + lab.name() + "&state=all&lang=" + lang));
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-table")));
                    assertThat(driver.findElement(By.id("queue-table")).getText()).contains(tag);
                    assertNothingWiderThanThePage("queue at " + width + " px (" + lang + ")");
                    Object hidden = driver.executeScript("const t = document.querySelector('.table-scroll');"
                            + " return t.scrollWidth - t.clientWidth");
                    assertThat(((Number) hidden).intValue()).as("table wider than its card at %d px (%s)", width, lang).isLessThanOrEqualTo(0);
                    screenshot("queue-" + width + "-" + lang);
                }
            }
            driver.get(url("/jobs?lang=en")); // leave the session in English
        } finally {
            if (!ids.isEmpty()) {
                List<String> cancel = new ArrayList<>(List.of("scancel"));
                cancel.addAll(ids);
                LabShell.run(lab, cancel.toArray(String[]::new));
            }
        }
    }
}
