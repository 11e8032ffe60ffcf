package org.slurmworkbench.workbench.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.slurm.lab.LabCluster;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestHttp;
import org.slurmworkbench.workbench.TestLab;

/**
 * Every page under the strict Content Security Policy in headless Chromium: each is opened, left to finish its
 * htmx loads and charts, and the console must hold no CSP violation. A first check shows that a violation does
 * reach the console (so an empty console means something).
 */
class CspBrowserIT extends BrowserTestBase {

    /** Opens a page, waits for what marks it finished and for htmx to be idle, answers the violations it caused. */
    private java.util.List<String> visit(String path, By finished) {
        driver.get(url(path));
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(45));
        wait.until(d -> "complete".equals(driver.executeScript("return document.readyState")));
        if (finished != null) {
            wait.until(ExpectedConditions.presenceOfElementLocated(finished));
        }
        wait.until(d -> Long.valueOf(0).equals(driver.executeScript("return document.querySelectorAll('.htmx-request').length")));
        return browser.cspViolations();
    }

    @Test
    void noPageBreaksTheContentSecurityPolicy() {
        // The check can fail: an inline style set from a script is refused and reported in the console.
        driver.get(url("/login?lang=en"));
        driver.executeScript("var d = document.createElement('div'); d.setAttribute('style', 'color: red'); document.body.appendChild(d);");
        new WebDriverWait(driver, Duration.ofSeconds(10)).until(d -> driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .anyMatch(e -> e.getMessage().contains("Content Security Policy")));

        Map<String, java.util.List<String>> violations = new LinkedHashMap<>();
        violations.put("/login", visit("/login?lang=en", By.id("login-submit")));
        submitLogin("admin", "admin-test-password");
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.not(ExpectedConditions.urlContains("/login")));

        LabCluster lab = TestLab.present().getFirst();
        String held = new TestHttp(port).basic("admin", "admin-test-password").postJson("/api/v1/clusters/" + lab.name() + "/jobs",
                "{\"name\": \"wb6-csp\", \"script\": \"#!/bin/bash\\ntrue\\n\", \"timeLimit\": \"1\", \"hold\": true}").json().path("jobId").asString();
        try {
            violations.put("/ (dashboard)", visit("/", By.cssSelector("#overview-" + lab.name() + " .chart[data-drawn='true'] canvas")));
            violations.put("/submit", visit("/submit", By.id("job-form")));
            violations.put("/submit/jobs", visit("/submit/jobs", By.id("jobs")));
            violations.put("job page", visit("/submit/jobs/" + lab.name() + "/" + held, By.id("job-detail")));
            violations.put("/accounting", visit("/accounting?groupBy=user", By.id("accounting-form")));
            violations.put("/admin/users", visit("/admin/users", By.id("add-user")));
            violations.put("error page", visit("/no-such-page", null));
            violations.put("Swagger UI", visit("/swagger-ui/index.html", By.cssSelector("div.swagger-ui")));
        } finally {
            LabShell.run(lab, "scancel", held);
        }
        assertThat(violations).allSatisfy((page, found) -> assertThat(found).as("CSP violations on " + page).isEmpty());
    }
}
