package io.budgetmonitor.stack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in Debian's headless Chromium, driven through its own chromedriver (both paths given,
 * so Selenium Manager never looks for, or downloads, anything). Every step leaves a screenshot in
 * {@code target/screenshots/}. Without Chromium the browser tests are skipped with a message, except
 * in CI ({@code CI=true}), where they fail: CI installs it ({@code .ci/run}).
 */
final class DashboardBrowser implements AutoCloseable {

    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Path SCREENSHOTS = Path.of("target", "screenshots");
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final Dimension PHONE = new Dimension(390, 844);

    private final ChromeDriver driver;

    private DashboardBrowser(ChromeDriver driver) {
        this.driver = driver;
    }

    /** Skips (or, in CI, fails) the calling test where there is no Chromium to drive. */
    static void assumeChromium() {
        boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
        if (!installed && "true".equalsIgnoreCase(System.getenv("CI"))) {
            throw new AssertionError("CI=true but " + CHROMIUM + " or " + CHROMEDRIVER
                    + " is missing: install Debian's chromium and chromium-driver (.ci/run does)");
        }
        Assumptions.assumeTrue(
                installed,
                "dashboard browser test skipped: no " + CHROMIUM + " and " + CHROMEDRIVER
                        + " here (apt-get install chromium chromium-driver); it never skips in CI");
    }

    static DashboardBrowser open() throws IOException {
        Files.createDirectories(SCREENSHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.setCapability("goog:loggingPrefs", Map.of(LogType.BROWSER, "ALL"));
        options.addArguments(
                "--headless=new",
                "--no-sandbox",
                "--disable-dev-shm-usage",
                "--disable-gpu",
                "--lang=zh-CN",
                "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().window().setSize(DESKTOP);
        return new DashboardBrowser(driver);
    }

    WebDriver driver() {
        return driver;
    }

    void get(String url) {
        driver.get(url);
    }

    /** The login form: sign in and wait to be sent back to the dashboard. */
    void signIn(String user, String password) {
        waitFor(Duration.ofSeconds(20), d -> d.findElements(By.id("username")).isEmpty() ? null : true);
        driver.findElement(By.id("username")).sendKeys(user);
        driver.findElement(By.id("password")).sendKeys(password);
        driver.findElement(By.cssSelector("form.login-form button[type=submit]"))
                .click();
        waitFor(
                Duration.ofSeconds(20),
                d -> user.equals(d.findElement(By.tagName("body")).getDomAttribute("data-user")) ? true : null);
    }

    /** Polls (every 100 ms) until {@code condition} answers something other than null or false. */
    <T> T waitFor(Duration timeout, Function<WebDriver, T> condition) {
        try {
            return new WebDriverWait(driver, timeout, Duration.ofMillis(100))
                    .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                    .ignoring(org.openqa.selenium.NoSuchElementException.class)
                    .until(condition::apply);
        } catch (TimeoutException e) {
            // what the page showed instead: a screenshot, its address and its text
            Path shot = screenshot("failed-" + System.currentTimeMillis());
            String text = driver.findElement(By.tagName("body")).getText();
            StringBuilder console = new StringBuilder();
            driver.manage()
                    .logs()
                    .get(LogType.BROWSER)
                    .forEach(entry -> console.append("\n  ").append(entry));
            throw new AssertionError(
                    "waited " + timeout + " in vain at " + driver.getCurrentUrl() + " (" + shot
                            + "); the page said: " + text.substring(0, Math.min(text.length(), 2000))
                            + "\nits console:" + console,
                    e);
        }
    }

    WebElement waitForElement(Duration timeout, By locator) {
        return waitFor(timeout, d -> {
            List<WebElement> found = d.findElements(locator);
            return found.isEmpty() || !found.get(0).isDisplayed() ? null : found.get(0);
        });
    }

    String connectionState() {
        return driver.findElement(By.id("connection")).getDomAttribute("data-state");
    }

    void waitForConnection(String state, Duration timeout) {
        waitFor(timeout, d -> state.equals(connectionState()) ? true : null);
    }

    Object script(String javascript, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(javascript, arguments);
    }

    /** A mark on the window object: still there later means the page was not reloaded meanwhile. */
    void markThisDocument() {
        script("window.__sameDocument = 'marked';");
    }

    boolean isTheMarkedDocument() {
        return "marked".equals(script("return window.__sameDocument || null;"));
    }

    /** Whether the page fits its width (no sideways scrolling on a phone). */
    boolean fitsTheWidth() {
        return Boolean.TRUE.equals(script("return document.documentElement.scrollWidth <= window.innerWidth;"));
    }

    void resize(Dimension size) {
        driver.manage().window().setSize(size);
    }

    Path screenshot(String name) {
        try {
            File taken = driver.getScreenshotAs(OutputType.FILE);
            Path target = SCREENSHOTS.resolve(name + ".png");
            Files.copy(taken.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("[dashboard] screenshot " + target.toAbsolutePath());
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
    }
}
