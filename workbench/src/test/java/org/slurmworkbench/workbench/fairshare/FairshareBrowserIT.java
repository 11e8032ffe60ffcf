package org.slurmworkbench.workbench.fairshare;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The fairshare page in headless Chromium: reached from the scheduler page, an account folds and unfolds, the columns
 * explain themselves in tooltips, 22.05 says plainly it is not offered, a user sees only his own user rows; in English
 * and Chinese at 1024 and 1440 px nothing is wider than the window. Screenshots in target/screenshots/fairshare-*.png.
 */
@BrowserTestBase.Window(width = 1440, height = 1000)
class FairshareBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private WebDriverWait login(String user, String password) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        driver.manage().deleteAllCookies();
        logIn(user, password);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-scheduler")));
        return wait;
    }

    @Test
    void theTreeFoldsExplainsItsColumnsAndFitsInBothLanguages() throws IOException {
        LabCluster newest = TestLab.present().getLast();
        LabCluster oldest = TestLab.present().getFirst();
        WebDriverWait wait = login("admin", "admin-test-password");
        driver.manage().window().setSize(new Dimension(1440, 1000));
        driver.get(url("/scheduler?cluster=" + newest.name() + "&lang=en"));
        driver.findElement(By.id("fairshare-link")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fairshare-tree")));
        assertThat(driver.getCurrentUrl()).contains("/fairshare?cluster=" + newest.name());
        WebElement physics = driver.findElement(By.id("fs-account-physics"));
        WebElement alice = driver.findElement(By.id("fs-user-physics-alice"));
        assertThat(alice.isDisplayed()).isTrue();
        physics.findElement(By.tagName("summary")).click();
        assertThat(alice.isDisplayed()).as("folded").isFalse();
        browser.screenshot("fairshare-folded-" + newest.series());
        physics.findElement(By.tagName("summary")).click();
        assertThat(alice.isDisplayed()).as("unfolded").isTrue();
        List<WebElement> heads = driver.findElements(By.cssSelector(".fs-head > span"));
        assertThat(heads).hasSize(8).allSatisfy(h -> assertThat(h.getAttribute("title")).isNotBlank());

        driver.get(url("/fairshare?cluster=" + oldest.name() + "&lang=en"));
        if (oldest.series().equals("22.05")) {
            assertThat(driver.findElement(By.id("fairshare-not-offered")).getText()).contains("does not offer fairshare");
            assertThat(driver.findElements(By.id("fairshare-tree"))).isEmpty();
            browser.screenshot("fairshare-not-offered-2205");
        }

        for (int width : new int[] {1024, 1440}) {
            for (String lang : List.of("en", "zh")) {
                driver.manage().window().setSize(new Dimension(width, 1000));
                driver.get(url("/fairshare?cluster=" + newest.name() + "&lang=" + lang));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("fairshare-tree")));
                String name = "fairshare-" + width + "-" + lang;
                browser.screenshot(name);
                String text = driver.findElement(By.tagName("main")).getText();
                if (lang.equals("zh")) {
                    assertThat(text).as(name).doesNotContain("Raw shares", "Effective usage", "Account / user");
                    assertThat(text).contains("公平份额因子");
                } else {
                    assertThat(text).contains("Effective usage");
                }
                Object overflow = driver.executeScript(
                        "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
                assertThat(((Number) overflow).intValue()).as("page wider than the window: %s", name).isLessThanOrEqualTo(0);
                Object rowOverflow = driver.executeScript("return Array.from(document.querySelectorAll('.fs-row'))"
                        + ".filter(r => r.scrollWidth > r.clientWidth + 1).length");
                assertThat(((Number) rowOverflow).intValue()).as("rows wider than the tree: %s", name).isZero();
            }
        }

        // a user: every account, of the users only himself
        String carol = TestUsers.ensure(jdbc, passwords, "carol");
        WebDriverWait asCarol = login(carol, TestUsers.PASSWORD);
        driver.manage().window().setSize(new Dimension(1024, 1000));
        driver.get(url("/fairshare?cluster=" + newest.name() + "&lang=en"));
        asCarol.until(ExpectedConditions.presenceOfElementLocated(By.id("fairshare-tree")));
        assertThat(driver.findElements(By.id("fs-user-chemistry-carol"))).hasSize(1);
        assertThat(driver.findElements(By.id("fs-user-physics-alice"))).isEmpty();
        assertThat(driver.findElement(By.id("fs-account-physics")).getText()).contains("2 other user(s) not shown");
        browser.screenshot("fairshare-user-" + newest.series());
        assertThat(browser.cspViolations()).isEmpty();
    }
}
