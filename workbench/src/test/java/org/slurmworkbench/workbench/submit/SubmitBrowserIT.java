package org.slurmworkbench.workbench.submit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * In Debian's headless Chromium, as alice: fill the job form, see the #SBATCH preview follow the typing (htmx),
 * get a field error without anything sent, submit, and watch the job page reach COMPLETED (it refreshes itself).
 */
@BrowserTestBase.Window(width = 1440, height = 1400)
class SubmitBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void fillTheFormSeeThePreviewSubmitAndWatchTheJobComplete() throws IOException {
        LabCluster c = TestLab.present().getFirst();
        String name = "wb3-browser-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));

        logIn(TestUsers.ensure(jdbc, passwords, "alice"), TestUsers.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));

        driver.get(url("/submit?cluster=" + c.name()));
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-form")));
        type("name", name);
        type("timeLimit", "1:30");
        type("array", "");
        type("script", "#!/bin/bash\necho hello from the browser\nsleep 3\n");
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "#SBATCH --job-name=" + name));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "#SBATCH --time=1:30"));
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("preview"), "echo hello from the browser"));
        screenshot("submit-form-preview");

        // WB-11: Enter in "Template name" saves the template (the browser would otherwise press "Submit")
        driver.findElement(By.id("templateName")).sendKeys(name + "-tpl", Keys.ENTER);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("template-saved")));
        assertThat(driver.getCurrentUrl()).contains("saved=");
        assertThat(LabShell.jobIdsNamed(c, name)).as("nothing submitted").isEmpty();
        try {
            for (String lang : new String[]{"en", "zh"}) {
                for (int width : new int[]{1024, 1440}) {
                    driver.manage().window().setSize(new Dimension(width, 1400));
                    driver.get(url(driver.getCurrentUrl().replaceAll("^https?://[^/]+", "").replaceAll("&lang=\\w+", "") + "&lang=" + lang));
                    driver.findElement(By.cssSelector("#manage-templates summary")).click();
                    assertNothingWiderThanThePage("submit form with its templates, " + lang + " " + width);
                    screenshot("submit-form-templates-" + lang + "-" + width);
                    String formUrl = driver.getCurrentUrl();
                    // the glidein form: the same choices; its folded pilot script leaves the requests in reach
                    driver.get(url("/glideins?cluster=" + c.name() + "&lang=" + lang));
                    assertThat(driver.findElement(By.id("glidein-requests")).getLocation().getY()).isLessThan(2000);
                    assertNothingWiderThanThePage("glidein form, " + lang + " " + width);
                    screenshot("glidein-form-" + lang + "-" + width);
                    driver.get(formUrl);
                }
            }
        } finally {
            driver.manage().window().setSize(new Dimension(1440, 1400));
        }
        driver.get(url("/submit?cluster=" + c.name() + "&lang=en"));
        type("name", name);
        type("script", "#!/bin/bash\necho hello from the browser\nsleep 3\n");
        jdbc.sql("DELETE FROM job_templates WHERE name = ?").param(name + "-tpl").update();

        type("timeLimit", "1:61");
        driver.findElement(By.id("submit-job")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-timeLimit")));
        screenshot("submit-form-error");
        assertThat(LabShell.jobIdsNamed(c, name)).isEmpty();

        type("timeLimit", "2");
        driver.findElement(By.id("submit-job")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("job-submitted")));
        String id = driver.getCurrentUrl().substring(driver.getCurrentUrl().lastIndexOf('/') + 1);
        assertThat(LabShell.showJob(c, id)).containsEntry("JobName", name).containsEntry("TimeLimit", "00:02:00");

        new WebDriverWait(driver, Duration.ofSeconds(120))
                .until(ExpectedConditions.textToBe(By.id("state-" + id), "COMPLETED"));
        screenshot("submit-job-completed");
        assertThat(LabShell.showJob(c, id).get("JobState")).isEqualTo("COMPLETED");

        driver.get(url("/submit/jobs?cluster=" + c.name()));
        // the list comes from the shared job list, which may be a moment older than the job page's own read;
        // the table reloads itself
        new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.textToBePresentInElementLocated(By.id("job-" + id), "COMPLETED"));
        assertThat(driver.findElement(By.id("job-" + id)).getText()).contains(name);
        screenshot("submit-my-jobs");

        // The list's next refresh is pointed at the configured dead cluster, whose Slurm never answers: the app answers
        // its 503 page, and the list keeps its rows under a notice that gives the page's reason and the time of the last
        // good refresh.
        driver.executeScript("""
                var jobs = document.getElementById('jobs');
                jobs.setAttribute('hx-get', '/submit/jobs/table?cluster=dead');
                htmx.process(jobs);""");
        WebElement notice = new WebDriverWait(driver, Duration.ofSeconds(30))
                .until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#jobs > .refresh-failed")));
        assertThat(notice.getText()).startsWith("Not refreshed: Slurm on cluster dead is unavailable right now")
                .containsPattern("Shown as of \\d{1,2}:\\d{2}:\\d{2}");
        assertThat(driver.findElement(By.id("job-" + id)).getText()).as("the rows stay").contains(name);
        screenshot("submit-my-jobs-not-refreshed");
    }
}
