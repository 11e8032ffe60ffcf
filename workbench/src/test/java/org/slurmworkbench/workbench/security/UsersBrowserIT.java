package org.slurmworkbench.workbench.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestHttp;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The users admin pages in headless Chromium: an admin adds a user with a Slurm user chosen from slurmdbd's, edits role
 * and Slurm user, disables (dismissing the question once, then confirming) and enables, resets the password (shown
 * once, and it works) and deletes the user; their own page offers neither disable nor delete. Both pages in English
 * and Chinese at 1024 and 1440 px fit the window. Screenshots in target/screenshots/users-*.png.
 */
class UsersBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;

    @Test
    void anAdminEditsDisablesResetsAndDeletesAUser() throws IOException {
        String name = "wb11-b-" + Long.toString(System.nanoTime(), 36);
        try {
            WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
            wait.ignoring(StaleElementReferenceException.class);
            driver.manage().deleteAllCookies();
            driver.manage().window().setSize(new Dimension(1440, 1000));
            logIn("admin", "admin-test-password");
            wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));

            driver.get(url("/admin/users?lang=en"));
            type("new-username", name);
            type("new-password", "first-password");
            Select slurmUsers = new Select(driver.findElement(By.id("new-slurm-user")));
            assertThat(slurmUsers.getOptions().stream().map(o -> o.getAttribute("value")).toList())
                    .as("slurmdbd's users").contains("alice", "bob", "carol", "wbadmin");
            slurmUsers.selectByValue("alice");
            driver.findElement(By.id("add-user-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-added")));

            driver.findElement(By.id("user-" + name)).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edit-user")));
            new Select(driver.findElement(By.id("edit-role"))).selectByValue("ADMIN");
            new Select(driver.findElement(By.id("edit-slurm-user"))).selectByValue("bob");
            driver.findElement(By.id("edit-user-submit")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-done")));
            assertThat(stored(name)).isEqualTo("ADMIN bob 1");

            driver.findElement(By.id("disable-user")).click();
            assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("Disable " + name + "?");
            driver.switchTo().alert().dismiss();
            assertThat(stored(name)).as("dismissed: nothing sent").isEqualTo("ADMIN bob 1");
            driver.findElement(By.id("disable-user")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("enable-user")));
            assertThat(stored(name)).isEqualTo("ADMIN bob 0");
            assertThat(text("user-enabled")).isEqualTo("no");
            screenshot("users-disabled");
            driver.findElement(By.id("enable-user")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("disable-user")));

            driver.findElement(By.id("reset-password-submit")).click();
            assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains(name);
            driver.switchTo().alert().accept();
            String password = wait.until(ExpectedConditions.presenceOfElementLocated(By.id("new-password"))).getText();
            screenshot("users-new-password");
            assertThat(new TestHttp(port).basic(name, password).get("/api/v1/me").status()).as("the shown password works").isEqualTo(200);
            assertThat(new TestHttp(port).basic(name, "first-password").get("/api/v1/me").status()).isEqualTo(401);
            driver.navigate().refresh();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("edit-user")));
            assertThat(driver.findElements(By.id("new-password"))).as("shown once").isEmpty();
            assertThat(text("user-changes")).contains("Password reset").contains("Disabled").contains("Edited");

            for (int width : new int[] {1024, 1440}) {
                for (String lang : List.of("en", "zh")) {
                    driver.manage().window().setSize(new Dimension(width, 1000));
                    for (String page : List.of("/admin/users", "/admin/users/" + name, "/admin/users/admin")) {
                        driver.get(url(page + "?lang=" + lang));
                        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
                        String shot = "users-" + (page.endsWith("/admin") ? "self" : page.contains(name) ? "user" : "list")
                                + "-" + width + "-" + lang;
                        screenshot(shot);
                        if (lang.equals("zh")) {
                            assertThat(driver.findElement(By.tagName("main")).getText()).as(shot)
                                    .doesNotContain("Disable", "Delete", "Reset", "Recent changes", "Slurm user slurmdbd");
                        }
                        assertNothingWiderThanThePage(shot);
                    }
                }
            }
            driver.get(url("/admin/users/admin?lang=en"));
            assertThat(driver.findElements(By.id("delete-user"))).as("no deleting oneself").isEmpty();
            assertThat(driver.findElements(By.id("disable-user"))).isEmpty();
            assertThat(text("self-actions")).contains("yourself");

            driver.get(url("/admin/users/" + name + "?lang=en"));
            driver.findElement(By.id("delete-user")).click();
            assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("Delete " + name + "?");
            driver.switchTo().alert().accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-deleted")));
            assertThat(driver.findElements(By.id("user-" + name))).isEmpty();
            assertThat(jdbc.sql("SELECT COUNT(*) FROM users WHERE username = ?").param(name).query(Long.class).single()).isZero();
            assertThat(browser.cspViolations()).isEmpty();
        } finally {
            jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update();
        }
    }

    private String stored(String name) {
        return jdbc.sql("SELECT CONCAT(role, ' ', slurm_user, ' ', enabled) FROM users WHERE username = ?").param(name)
                .query(String.class).single();
    }
}
