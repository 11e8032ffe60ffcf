package org.slurmworkbench.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The set-up every browser test shares: the app on a random port, one headless Chromium ({@link TestBrowser}) per
 * test class, started before its first test and closed after its last (which fails the class on any Content
 * Security Policy violation), and the steps most tests take: a page's URL, the login form, screenshots to
 * {@link TestBrowser#SCREENSHOTS}, and the check that nothing makes the page scroll sideways.
 * <p>
 * The window is {@value #WIDTH} x {@value #HEIGHT} px unless the class says otherwise with {@link Window}. Test
 * classes run one after the other, so the browser can be held in static fields shared through this class.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
public abstract class BrowserTestBase {

    public static final int WIDTH = 1440;
    public static final int HEIGHT = 1200;

    /** The browser window a test class starts with, when not {@value #WIDTH} x {@value #HEIGHT} px. */
    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.TYPE)
    public @interface Window {
        int width() default WIDTH;

        int height() default HEIGHT;
    }

    protected static TestBrowser browser;
    protected static ChromeDriver driver;

    @LocalServerPort
    protected int port;

    @BeforeAll
    static void startBrowser(TestInfo test) throws IOException {
        Window window = test.getTestClass().map(c -> c.getAnnotation(Window.class)).orElse(null);
        browser = window == null ? TestBrowser.start(WIDTH, HEIGHT) : TestBrowser.start(window.width(), window.height());
        driver = browser.driver();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        TestBrowser started = browser;
        browser = null;
        driver = null;
        if (started != null) {
            started.close();
        }
    }

    /** The app's address for {@code path} (which starts with a slash). */
    protected String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    /** Opens the login page in English and logs in; the caller waits for the page it expects next. */
    protected void logIn(String user, String password) {
        driver.get(url("/login?lang=en"));
        submitLogin(user, password);
    }

    /** Types into the login form the browser shows (#username, #password) and submits it (#login-submit). */
    protected static void submitLogin(String user, String password) {
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.id("login-submit")).click();
    }

    /** Saves what the window shows as {@code target/screenshots/NAME.png}. */
    protected static void screenshot(String name) throws IOException {
        browser.screenshot(name);
    }

    /** The text of the element with this id. */
    protected static String text(String id) {
        return driver.findElement(By.id(id)).getText();
    }

    /** Replaces what the field with this id holds by {@code value}. */
    protected static void type(String id, String value) {
        WebElement field = driver.findElement(By.id(id));
        field.clear();
        field.sendKeys(value);
    }

    /** Nothing sticks out of the page sideways (a clipped label or table would make it scroll); {@code what} names the view. */
    protected static void assertNothingWiderThanThePage(String what) {
        Object overflow = driver.executeScript(
                "return document.documentElement.scrollWidth - document.documentElement.clientWidth");
        assertThat(((Number) overflow).intValue()).as("page wider than the window (horizontal overflow in px): %s", what)
                .isLessThanOrEqualTo(0);
    }
}
