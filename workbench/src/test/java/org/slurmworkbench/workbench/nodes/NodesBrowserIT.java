package org.slurmworkbench.workbench.nodes;

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
import org.slurmworkbench.workbench.LabShell;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The node and reservation pages in headless Chromium: an admin drains a node (confirming first) and resumes it on
 * 26.05, sees that 22.05 does not offer it, a user gets no buttons; a reservation made with scontrol is marked on the
 * dashboard's grid; the pages in English and Chinese at 1024 and 1440 px fit the window. Screenshots in
 * target/screenshots/nodes-*.png. The drained node and the reservation are undone in finally blocks.
 */
@BrowserTestBase.Window(width = 1440, height = 1000)
class NodesBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    private WebDriverWait freshLogin(String user, String password) {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        wait.ignoring(StaleElementReferenceException.class);
        driver.manage().deleteAllCookies();
        logIn(user, password);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-nodes")));
        return wait;
    }

    @Test
    void adminDrainsAndResumesAUserSeesNoButtonsAndThePagesFit() throws IOException {
        LabCluster newest = TestLab.present().getLast();
        LabCluster oldest = TestLab.present().getFirst();
        String res = "wb10-browser-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        String reason = "wb10 browser drain " + res;
        LabShell.run(newest, "scontrol", "create", "reservation", "reservationname=" + res, "user=alice",
                "starttime=now+1hour", "duration=10", "nodes=c1", "flags=maint");
        try {
            WebDriverWait wait = freshLogin("admin", "admin-test-password");
            // drain with confirmation, then resume, on 26.05
            driver.manage().window().setSize(new Dimension(1440, 1000));
            driver.get(url("/nodes/" + newest.name() + "/c2?lang=en"));
            driver.findElement(By.id("drain-reason")).sendKeys(reason);
            driver.findElement(By.id("drain-node")).click();
            assertThat(wait.until(ExpectedConditions.alertIsPresent()).getText()).contains("Drain node c2?");
            driver.switchTo().alert().dismiss();
            assertThat(ScontrolNode.node(newest, "c2").get("State")).as("dismissed: nothing sent").doesNotContain("DRAIN");
            driver.findElement(By.id("drain-node")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("node-done")));
            assertThat(driver.findElement(By.id("node-reason")).getText()).isEqualTo(reason);
            assertThat(driver.findElement(By.id("node-reason-by")).getText()).isEqualTo("wbadmin");
            assertThat(ScontrolNode.node(newest, "c2").get("Reason")).startsWith(reason);
            screenshot("nodes-drained-" + newest.series());
            driver.findElement(By.id("resume-node")).click();
            wait.until(ExpectedConditions.alertIsPresent()).accept();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("drain-node")));
            assertThat(ScontrolNode.node(newest, "c2").get("State")).doesNotContain("DRAIN");

            // 22.05: said plainly, no buttons
            driver.get(url("/nodes/" + oldest.name() + "/c2?lang=en"));
            assertThat(driver.findElement(By.id("node-update-not-offered")).getText()).contains("does not offer drain and resume");
            assertThat(driver.findElements(By.id("drain-node"))).isEmpty();

            // the reservation on the dashboard's grid
            driver.get(url("/?lang=en"));
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reserved-" + newest.name() + "-c1")));
            screenshot("nodes-grid-reserved");

            for (int width : new int[] {1024, 1440}) {
                for (String lang : List.of("en", "zh")) {
                    driver.manage().window().setSize(new Dimension(width, 1000));
                    for (String page : List.of("/nodes?cluster=" + newest.name(), "/nodes/" + newest.name() + "/c1",
                            "/reservations?cluster=" + newest.name())) {
                        driver.get(url(page + (page.contains("?") ? "&" : "?") + "lang=" + lang));
                        wait.until(ExpectedConditions.presenceOfElementLocated(By.tagName("main")));
                        String name = "nodes-" + page.replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "") + "-" + width + "-" + lang;
                        screenshot(name);
                        String text = driver.findElement(By.tagName("main")).getText();
                        if (lang.equals("zh")) {
                            assertThat(text).as(name).doesNotContain("Reason", "Memory", "Reservations", "Partitions");
                            assertThat(driver.findElement(By.id("nav-nodes")).getText()).isEqualTo("节点");
                        } else {
                            assertThat(driver.findElement(By.id("nav-nodes")).getText()).isEqualTo("Nodes");
                        }
                        if (page.startsWith("/reservations")) {
                            assertThat(driver.findElements(By.id("reservation-" + res))).as(name).hasSize(1);
                        }
                        if (page.contains("/c1")) {
                            assertThat(driver.findElement(By.id("node-reservations")).getText()).as(name).contains(res);
                            assertThat(driver.findElement(By.id("node-memory-real")).getText()).as(name).contains("GiB");
                        }
                        assertNothingWiderThanThePage(name);
                    }
                }
            }

            // a user: the page without actions
            String alice = TestUsers.ensure(jdbc, passwords, "alice");
            WebDriverWait asAlice = freshLogin(alice, TestUsers.PASSWORD);
            driver.manage().window().setSize(new Dimension(1024, 1000));
            driver.get(url("/nodes/" + newest.name() + "/c2?lang=en"));
            asAlice.until(ExpectedConditions.presenceOfElementLocated(By.id("node-state")));
            assertThat(driver.findElements(By.id("node-actions"))).isEmpty();
            assertThat(driver.findElements(By.id("drain-node"))).isEmpty();
            screenshot("nodes-user-" + newest.series());
            assertThat(browser.cspViolations()).isEmpty();
        } finally {
            if (ScontrolNode.node(newest, "c2").getOrDefault("Reason", "").startsWith(reason)) {
                LabShell.run(newest, "scontrol", "update", "nodename=c2", "state=resume");
            }
            LabShell.run(newest, "scontrol", "delete", "reservation=" + res);
            driver.get(url("/?lang=en"));
        }
    }

    @Test
    void anAdminCreatesAReservationWithTheFormAndDeletesItAfterConfirmingInBothLanguages() throws IOException {
        LabCluster newest = TestLab.present().getLast();
        String base = "wb10-form-" + Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
        // two hours ahead: a maintenance reservation from now would keep other tests' jobs off the node
        String start = java.time.LocalDateTime.now(java.time.ZoneOffset.UTC).plusHours(2).withSecond(0).withNano(0).toString();
        try {
            WebDriverWait wait = freshLogin("admin", "admin-test-password");
            for (String lang : List.of("en", "zh")) {
                String res = base + "-" + lang;
                driver.manage().window().setSize(new Dimension(lang.equals("en") ? 1440 : 1024, 1000));
                driver.get(url("/reservations?cluster=" + newest.name() + "&lang=" + lang));
                driver.findElement(By.cssSelector("#reservation-new > summary")).click();
                type("res-name", res);
                type("res-nodes", "c2");
                driver.executeScript("arguments[0].value = arguments[1]", driver.findElement(By.id("res-start")), start);
                type("res-duration", "15");
                type("res-users", "root");
                assertThat(driver.findElement(By.id("res-flag-MAINT")).isSelected()).as("MAINT is offered ticked").isTrue();
                assertThat(driver.findElement(By.id("res-flag-IGNORE_JOBS")).isSelected()).isTrue();
                screenshot("reservations-form-" + lang);
                assertNothingWiderThanThePage("reservation form " + lang);
                driver.findElement(By.id("reservation-create")).click();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reservation-created")));
                assertThat(text("reservation-created")).contains(res).contains(lang.equals("zh") ? "已创建" : "created");
                assertThat(ScontrolNode.reservation(newest, res).get("Nodes")).isEqualTo("c2");
                assertThat(ScontrolNode.reservation(newest, res).get("Duration")).isEqualTo("00:15:00");
                screenshot("reservations-created-" + lang);
                assertNothingWiderThanThePage("reservation created " + lang);

                driver.findElement(By.id("delete-" + res)).click();
                String question = wait.until(ExpectedConditions.alertIsPresent()).getText();
                assertThat(question).contains(res).contains(lang.equals("zh") ? "删除预留" : "Delete reservation");
                driver.switchTo().alert().dismiss();
                assertThat(ScontrolNode.reservation(newest, res)).as("dismissed: nothing sent").containsEntry("ReservationName", res);
                driver.findElement(By.id("delete-" + res)).click();
                wait.until(ExpectedConditions.alertIsPresent()).accept();
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("reservation-deleted")));
                assertThat(driver.findElements(By.id("reservation-" + res))).isEmpty();
                assertThat(ScontrolNode.reservation(newest, res)).as("deleted").isEmpty();
            }
            // a form with a bad field comes back with the field marked and what was typed
            driver.findElement(By.cssSelector("#reservation-new > summary")).click();
            type("res-name", base + "-bad");
            type("res-nodes", "c9");
            type("res-duration", "15");
            type("res-users", "root");
            driver.findElement(By.id("reservation-create")).click();
            wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-nodes")));
            assertThat(text("error-nodes")).isEqualTo("请以主机列表（如 c[1-2],g1）填写此集群的节点，或填写 ALL。");
            assertThat(driver.findElement(By.id("res-nodes")).getAttribute("value")).isEqualTo("c9");
            screenshot("reservations-invalid-zh");
            assertThat(browser.cspViolations()).isEmpty();
        } finally {
            for (String lang : List.of("en", "zh")) {
                if (!ScontrolNode.reservation(newest, base + "-" + lang).isEmpty()) {
                    LabShell.run(newest, "scontrol", "delete", "reservation=" + base + "-" + lang);
                }
            }
        }
    }
}
