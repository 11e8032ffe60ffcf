package org.slurmworkbench.workbench.workload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;

/**
 * In headless Chromium, as the admin, on the workloads page: an SWF upload without a file, with a file that is not
 * SWF and with a bad number comes back with a message on its field; the public lublin_256 trace (MaxNodes, no
 * MaxProcs) previews with the trace's and the plan's offered load side by side and within 1 %; without scaling the
 * load changes by more than 5 % and a warning box says so, in English and Chinese; a window of it becomes a run
 * after the confirmation. Screenshots at 1024 and 1440 px in both languages go to target/screenshots/, and no
 * element of the card is wider than its box.
 */
@BrowserTestBase.Window(width = 1440, height = 2000)
class SwfImportBrowserIT extends BrowserTestBase {

    private static final Path TRACE = Path.of("src/test/resources/swf/lublin_256-first-2000.swf").toAbsolutePath();

    WebDriverWait wait;

    @Test
    void previewATraceSeeTheLoadChangeWarningWithoutScalingAndCreateARunOfAWindow() throws IOException {
        LabCluster c = TestLab.present().getFirst();
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        logIn("admin", "admin-test-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));

        open("/workloads?lang=en", c);
        assertThat(driver.findElements(By.id("swf-create"))).isEmpty();
        preview();
        assertThat(errorOf("file")).isEqualTo("choose an SWF trace file to upload");

        Path notSwf = Files.writeString(Files.createTempFile("not-a-trace", ".txt"), "hello, world\n<html></html>\n");
        driver.findElement(By.id("swf-file")).sendKeys(notSwf.toString());
        type("swf-compression", "fast");
        preview();
        assertThat(errorOf("compression")).isEqualTo("must be a number");
        type("swf-compression", "");
        preview();
        assertThat(errorOf("file")).startsWith("is not an SWF trace").contains("line 1");
        assertThat(driver.findElements(By.id("swf-result"))).isEmpty();

        // the trace, scaled: its load kept
        driver.findElement(By.id("swf-file")).sendKeys(TRACE.toString());
        preview();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("swf-result")));
        double traceLoad = number(text("swf-trace-load"));
        double planLoad = number(text("swf-plan-load"));
        assertThat(text("swf-trace-load")).endsWith("x its 256 processors");
        assertThat(planLoad / traceLoad).isCloseTo(1.0, within(0.01));
        assertThat(driver.findElements(By.cssSelector("#swf-result .alert.warning"))).isEmpty();
        assertThat(text("swf-said")).contains("MaxNodes 256, one processor per node");
        assertThat(text("swf-imported")).startsWith("2,000 jobs imported");
        assertThat(text("swf-file-name")).as("the chosen file, kept across the swap").isEqualTo(TRACE.getFileName().toString());
        screenshots("swf-preview-en");

        // without scaling: the jobs wider than the partition are skipped and the load changes by more than 5 %
        driver.findElement(By.id("swf-scale")).click();
        assertThat(driver.findElements(By.id("swf-result"))).as("a preview of another form is taken away").isEmpty();
        assertThat(text("swf-result-stale")).contains("preview the import again");
        preview();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("swf-warning-0")));
        assertThat(text("swf-warning-0")).contains("more than 5 %");
        assertThat(driver.findElement(By.id("swf-skip-TOO_BIG")).getText()).contains("skipped: wider than the partition");
        assertThat(driver.findElement(By.id("swf-scale")).isSelected()).isFalse();
        screenshots("swf-warning-en");

        open("/workloads?lang=zh", c);
        assertThat(text("swf-file-name")).isEqualTo("未选择文件");
        driver.findElement(By.id("swf-file")).sendKeys(TRACE.toString());
        preview();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("swf-result")));
        assertThat(text("swf-trace-load")).contains("其 256 个处理器");
        screenshots("swf-preview-zh");
        driver.findElement(By.id("swf-scale")).click();
        preview();
        wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("swf-warning-0")));
        assertThat(text("swf-warning-0")).contains("超过 5 %");
        assertThat(text("swf-card")).doesNotContain("??").doesNotContain("Preview").doesNotContain("processors")
                .doesNotContain("skipped");
        screenshots("swf-warning-zh");

        // a window of 20 jobs, a thousand times faster; "no" to the question creates nothing
        open("/workloads?lang=en", c);
        driver.findElement(By.id("swf-file")).sendKeys(TRACE.toString());
        type("swf-fromJob", "13");
        type("swf-toJob", "32");
        type("swf-compression", "1000");
        preview();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("swf-result")));
        assertThat(text("swf-imported")).startsWith("20 jobs imported");
        driver.findElement(By.id("swf-create")).click();
        assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).startsWith("Create a run of 20 jobs");
        driver.switchTo().alert().dismiss();
        assertThat(driver.getCurrentUrl()).endsWith("/workloads?lang=en");
        driver.findElement(By.id("swf-create")).click();
        wait.until(ExpectedConditions.alertIsPresent()).accept();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("run-start")));
        assertThat(text("count-total")).isEqualTo("20");
        assertThat(text("run-state")).isEqualTo("Created");
    }

    private void open(String path, LabCluster c) {
        driver.get(url(path));
        new Select(driver.findElement(By.id("swf-cluster"))).selectByValue(c.name());
    }

    /** Clicks "Preview import" and waits for the card htmx swaps in. */
    private void preview() {
        WebElement card = driver.findElement(By.id("swf-card"));
        driver.findElement(By.id("swf-preview")).click();
        wait.until(ExpectedConditions.stalenessOf(card));
    }

    private String errorOf(String field) {
        return wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("error-swf-" + field))).getText();
    }

    private static double number(String text) {
        return Double.parseDouble(text.substring(0, text.indexOf(' ')));
    }

    /**
     * The card at 1440 and at 1024 px: a screenshot of each, after checking that nothing in it is wider than its box
     * (a clipped or overflowing label, table or line) and that the page does not scroll sideways.
     */
    private static void screenshots(String name) throws IOException {
        for (int width : new int[]{1440, 1024}) {
            driver.manage().window().setSize(new Dimension(width, 2000));
            JavascriptExecutor js = driver;
            @SuppressWarnings("unchecked")
            List<String> wide = (List<String>) js.executeScript("""
                    const card = document.getElementById('swf-card');
                    const out = [];
                    if (document.documentElement.scrollWidth > document.documentElement.clientWidth) out.push('page');
                    card.querySelectorAll('*').forEach(e => {
                      if (getComputedStyle(e).opacity === '0') return; // the native file input, out of sight
                      if (e.scrollWidth > e.clientWidth + 1 && getComputedStyle(e).overflowX !== 'visible'
                          || e.getBoundingClientRect().right > card.getBoundingClientRect().right + 1) {
                        out.push(e.tagName + '#' + e.id + '.' + e.className + ': ' + (e.textContent || '').trim().slice(0, 60));
                      }
                    });
                    card.scrollIntoView();
                    return out;""");
            assertThat(wide).as("wider than their box at %d px", width).isEmpty();
            screenshot(name + "-" + width);
        }
        driver.manage().window().setSize(new Dimension(1440, 2000));
    }
}
