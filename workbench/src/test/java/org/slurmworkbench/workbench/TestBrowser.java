package org.slurmworkbench.workbench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * Debian's headless Chromium and ChromeDriver for browser tests: explicit paths so nothing is downloaded, the
 * flags this machine needs (its network is closed, so background networking stays off), a fresh profile, English
 * by default, and a downloads folder. Closing it quits the browser and deletes both folders.
 */
public final class TestBrowser implements AutoCloseable {

    public static final Path SCREENSHOTS = Path.of("target/screenshots");

    private final ChromeDriver driver;
    private final Path profile;
    private final Path downloads;
    private final List<String> allViolations = new ArrayList<>();

    private TestBrowser(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    public static TestBrowser start(int width, int height) throws IOException {
        return start(width, height, java.util.List.of(), Map.of());
    }

    /** With extra Chromium flags and environment variables for the browser (e.g. a Kerberos ticket cache). */
    public static TestBrowser start(int width, int height, java.util.List<String> flags, Map<String, String> env)
            throws IOException {
        Path profile = Files.createTempDirectory("wb-chromium-");
        Path downloads = Files.createTempDirectory("wb-downloads-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary("/usr/bin/chromium");
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--user-data-dir=" + profile, "--lang=en-US", "--window-size=" + width + "," + height);
        options.addArguments(flags);
        // The console log is read back for Content Security Policy violations (see cspViolations()).
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US,en",
                "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
        // a port the kernel hands out: Selenium's own pick looks outside the ephemeral range, and where that range is
        // 1024-65535 (as on these machines) it can only try port 1024, which any outgoing connection may hold
        java.util.function.Supplier<ChromeDriverService> service = () -> new ChromeDriverService.Builder()
                .usingDriverExecutable(Path.of("/usr/bin/chromedriver").toFile()).usingPort(TestProcess.freePort())
                .withEnvironment(env).build();
        ChromeDriver driver;
        try {
            driver = new ChromeDriver(service.get(), options);
        } catch (org.openqa.selenium.SessionNotCreatedException e) {
            // Chromium now and then does not come up on a loaded machine ("chrome not reachable"): one more start
            System.err.println("Chromium did not start (" + e.getRawMessage() + "); starting it once more");
            driver = new ChromeDriver(service.get(), options);
        }
        driver.manage().window().setSize(new Dimension(width, height));
        Files.createDirectories(SCREENSHOTS);
        return new TestBrowser(driver, profile, downloads);
    }

    /**
     * The Content Security Policy violations the console reported since the last call (Chromium logs each as
     * "Refused to ... because it violates the following Content Security Policy directive"). All of them are also
     * kept for {@link #close()}, which fails the test class if there were any.
     */
    public List<String> cspViolations() {
        return console().stream().map(LogEntry::getMessage).filter(TestBrowser::isCspViolation).toList();
    }

    /**
     * The errors (level SEVERE) the console reported since the last call, Content Security Policy violations among
     * them (which {@link #close()} also fails on).
     */
    public List<String> consoleErrors() {
        return console().stream().filter(e -> e.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
                .map(LogEntry::getMessage).toList();
    }

    /** The console since the last read (reading empties it), its CSP violations kept for {@link #close()}. */
    private List<LogEntry> console() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        entries.stream().map(LogEntry::getMessage).filter(TestBrowser::isCspViolation).forEach(allViolations::add);
        return entries;
    }

    private static boolean isCspViolation(String message) {
        return message.contains("Content Security Policy");
    }

    /** Saves what the window shows as {@code target/screenshots/NAME.png}. */
    public void screenshot(String name) throws IOException {
        Files.copy(driver.getScreenshotAs(org.openqa.selenium.OutputType.FILE).toPath(), SCREENSHOTS.resolve(name + ".png"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    public ChromeDriver driver() {
        return driver;
    }

    public Path downloads() {
        return downloads;
    }

    /** Quits the browser and deletes its folders; fails when any page broke the Content Security Policy. */
    @Override
    public void close() throws IOException {
        cspViolations();
        driver.quit();
        for (Path dir : new Path[] {profile, downloads}) {
            try (var files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        if (!allViolations.isEmpty()) {
            throw new AssertionError("Content Security Policy violations in the browser console: " + allViolations);
        }
    }
}
