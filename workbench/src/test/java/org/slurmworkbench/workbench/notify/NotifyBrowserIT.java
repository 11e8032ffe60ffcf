package org.slurmworkbench.workbench.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.slurmworkbench.workbench.BrowserTestBase;
import org.slurmworkbench.workbench.TestLab;
import org.slurmworkbench.workbench.TestUsers;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The notification settings page and the job form's choices in a real browser, in English and Chinese at 1024 and
 * 1440 px: a bad address is refused on its field and nothing is saved, a good one is saved and becomes the form's
 * default choices; nothing sticks out of the page.
 */
class NotifyBrowserIT extends BrowserTestBase {

    @Autowired
    JdbcClient jdbc;
    @Autowired
    PasswordEncoder passwords;

    @Test
    void theProfileSavesWhatIsValidAndTheFormStartsFromIt() throws IOException {
        String user = TestUsers.ensure(jdbc, passwords, "bob");
        jdbc.sql("DELETE FROM notify_profile WHERE username = ?").param(user).update();
        String cluster = TestLab.present().getFirst().name();
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(30));
        driver.manage().deleteAllCookies();
        logIn(user, TestUsers.PASSWORD);
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("nav-profile")));

        driver.get(url("/profile?lang=en"));
        type("email", "not-an-address");
        driver.findElement(By.id("onFail")).click();
        driver.findElement(By.id("save-profile")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("error-email")));
        assertThat(text("error-email")).contains("Not an email address");
        assertThat(jdbc.sql("SELECT COUNT(*) FROM notify_profile WHERE username = ?").param(user).query(Long.class).single())
                .isZero();

        type("email", "bob@example.org");
        type("timeSharePercent", "80");
        driver.findElement(By.id("save-profile")).click();
        wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-saved")));
        assertThat(driver.findElement(By.id("email")).getAttribute("value")).isEqualTo("bob@example.org");

        for (int width : new int[]{1024, 1440}) {
            driver.manage().window().setSize(new Dimension(width, HEIGHT));
            for (String lang : new String[]{"en", "zh"}) {
                driver.get(url("/profile?lang=" + lang));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("profile-form")));
                assertNothingWiderThanThePage("profile " + lang + " " + width);
                screenshot("notify-profile-" + lang + "-" + width);
                driver.get(url("/submit?cluster=" + cluster + "&lang=" + lang));
                wait.until(ExpectedConditions.presenceOfElementLocated(By.id("notify")));
                driver.executeScript("document.getElementById('notify').scrollIntoView()");
                assertNothingWiderThanThePage("submit form " + lang + " " + width);
                screenshot("notify-submit-" + lang + "-" + width);
            }
        }
        assertThat(driver.findElement(By.id("notifyFail")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("notifyEnd")).isSelected()).isFalse();
        assertThat(driver.findElement(By.id("notifyTime")).isSelected()).isTrue();
        assertThat(driver.findElement(By.id("notifyTimePercent")).getAttribute("value")).isEqualTo("80");
        driver.manage().window().setSize(new Dimension(WIDTH, HEIGHT));
    }
}
