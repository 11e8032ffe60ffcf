package org.slurmworkbench.workbench.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The app in Debian's headless Chromium: login, the layout, the clusters on the dashboard, the language switch,
 * the admin's user form, logout, and a wrong password. Screenshots go to target/screenshots/.
 */
@BrowserTestBase.Window(width = 1440, height = 960)
class BrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;

    WebDriverWait wait;

    @BeforeEach
    void freshSession() {
        wait = new WebDriverWait(driver, Duration.ofSeconds(15));
        driver.get(url("/login?lang=en"));
        driver.manage().deleteAllCookies();
    }

    /** Asks for the dashboard, is sent to the login page, and logs in there. */
    @Override
    protected void logIn(String user, String password) {
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
        submitLogin(user, password);
    }

    @Test
    void logInSeeTheClustersSwitchLanguagesAndLogOut() throws IOException {
        logIn("admin", "admin-test-password");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("clusters")));
        assertThat(driver.getTitle()).contains("Dashboard");
        assertThat(text("nav-dashboard")).isEqualTo("Dashboard");
        assertThat(text("nav-submit")).isEqualTo("Submission · Tomato");
        assertThat(text("nav-workloads")).isEqualTo("Workloads · Jasmine");
        assertThat(text("nav-accounting")).isEqualTo("Accounting · Cosmos");
        assertThat(text("nav-qos")).isEqualTo("QOS");
        assertThat(text("current-user")).contains("admin");
        assertThat(text("current-slurm-user")).contains("wbadmin");

        WebElement dead = driver.findElement(By.id("cluster-dead"));
        assertThat(dead.getText()).contains("Unreachable");
        List<LabCluster> lab = TestLab.present();
        for (LabCluster c : lab) {
            WebElement row = driver.findElement(By.id("cluster-" + c.name()));
            assertThat(row.getText()).as("row of %s", c).contains("Reachable").contains(c.release());
            String api = TestLab.API_VERSION.get(c.series());
            if (api != null) {
                assertThat(row.findElement(By.className("api-version")).getText()).isEqualTo(api);
            }
        }
        screenshot("dashboard");

        driver.findElement(By.id("lang-zh")).click();
        wait.until(ExpectedConditions.textToBe(By.id("nav-submit"), "提交 · Tomato"));
        assertThat(text("nav-dashboard")).isEqualTo("仪表盘");
        assertThat(text("nav-workloads")).isEqualTo("工作负载 · Jasmine");
        assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("仪表盘");
        assertThat(driver.findElement(By.id("cluster-dead")).getText()).contains("不可访问");
        screenshot("dashboard-zh");

        driver.findElement(By.id("nav-qos")).click();
        wait.until(ExpectedConditions.textToBePresentInElementLocated(By.tagName("main"), "每个 QOS 的限制"));

        driver.findElement(By.id("lang-en")).click();
        wait.until(ExpectedConditions.textToBe(By.id("nav-submit"), "Submission · Tomato"));
        assertThat(driver.findElement(By.tagName("main")).getText()).contains("Every QOS with its limits");

        driver.findElement(By.id("logout")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("logged-out")));
        assertThat(text("logged-out")).isEqualTo("You have been logged out.");
        driver.get(url("/"));
        wait.until(ExpectedConditions.urlContains("/login"));
    }

    @Test
    void aWrongPasswordShowsAnError() throws IOException {
        logIn("admin", "not-the-password");

        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("login-error")));
        assertThat(text("login-error")).isEqualTo("Invalid username or password.");
        assertThat(driver.findElements(By.id("nav-dashboard"))).isEmpty();
        screenshot("login-error");
    }

    @Test
    void anAdminAddsAUserThroughTheFormWithFieldErrorsFirst() throws IOException {
        logIn("admin", "admin-test-password");
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-users")));
        driver.findElement(By.id("nav-users")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("add-user")));

        driver.findElement(By.id("new-username")).sendKeys("Bad Name");
        driver.findElement(By.id("new-password")).sendKeys("short");
        driver.findElement(By.id("add-user-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("form-invalid")));
        String form = driver.findElement(By.id("add-user")).getText();
        assertThat(form).contains("must be 2-64 lower-case letters").contains("must be at least 8 characters")
                .contains("is required");
        screenshot("users-invalid");

        String name = "web-" + Long.toString(System.nanoTime(), 36);
        WebElement username = driver.findElement(By.id("new-username"));
        username.clear();
        username.sendKeys(name);
        driver.findElement(By.id("new-password")).sendKeys("a-good-password");
        driver.findElement(By.id("new-slurm-user")).sendKeys("bob");
        driver.findElement(By.id("add-user-submit")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("user-added")));
        assertThat(text("user-added")).isEqualTo("User " + name + " added.");
        assertThat(driver.findElement(By.id("users")).getText()).contains(name).contains("bob");
        jdbc.sql("DELETE FROM users WHERE username = ?").param(name).update();
    }
}
