package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.TestBrowser;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * In Debian's headless Chromium, as the admin: find alice's job with the header's search from the dashboard, get a
 * plain message for an id that is none, and the queue page at 1024 and 1440 px in English and Chinese with nothing
 * wider than the window (screenshots in target/screenshots/queue-*.png).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class QueueBrowserIT {

    static ChromeDriver driver;
    static TestBrowser browser;

    @LocalServerPort
    int port;

    @BeforeAll
    static void startBrowser() throws IOException {
        browser = TestBrowser.start(1440, 1000);
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (browser != null) {
            browser.close();
        }
    }

    private String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

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

            driver.get(url("/login?lang=en"));
            driver.findElement(By.id("username")).sendKeys("admin");
            driver.findElement(By.id("password")).sendKeys("admin-test-password");
            driver.findElement(By.id("login-submit")).click();
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
            browser.screenshot("queue-found-by-header-search");

            driver.findElement(By.id("job-search")).sendKeys("12x", Keys.ENTER);
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("find-error")));
            assertThat(driver.findElement(By.id("find-error")).getText()).contains("'12x' is not a job id");

            for (int width : new int[]{1024, 1440}) {
                for (String lang : List.of("en", "zh")) {
                    driver.manage().window().setSize(new Dimension(width, 1000));
                    driver.get(url("/jobs?cluster=" + lab.name() + "&state=all&lang=" + lang));
                    wait.until(ExpectedConditions.presenceOfElementLocated(By.id("queue-table")));
                    assertThat(driver.findElement(By.id("queue-table")).getText()).contains(tag);
                    Object overflow = driver.executeScript("return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                    assertThat(((Number) overflow).intValue()).as("page wider than %d px (%s)", width, lang).isLessThanOrEqualTo(0);
                    Object hidden = driver.executeScript("const t = document.querySelector('.table-scroll');"
                            + " return t.scrollWidth - t.clientWidth");
                    assertThat(((Number) hidden).intValue()).as("table wider than its card at %d px (%s)", width, lang).isLessThanOrEqualTo(0);
                    browser.screenshot("queue-" + width + "-" + lang);
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
