package io.omnicase.support;

import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;

/**
 * A real headless Chromium (Debian's chromium and chromium-driver, installed by .ci/run), for tests of web pages.
 * Screenshots go to target/screenshots, kept as build artifacts.
 */
public final class Browser implements AutoCloseable {

    private final WebDriver driver;

    private Browser(WebDriver driver) {
        this.driver = driver;
    }

    public static Browser open() {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(System.getProperty("omnicase.test.chromium", "/usr/bin/chromium"));
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000");
        try {
            options.addArguments("--user-data-dir=" + Files.createTempDirectory("omnicase-chromium"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(System.getProperty("omnicase.test.chromedriver", "/usr/bin/chromedriver")))
                .usingAnyFreePort().build();
        return new Browser(new ChromeDriver(service, options));
    }

    /**
     * Signs in on Omnicase's sign-in page (a demo user's password is "demo") and waits until the page the sign-in
     * leads to has loaded; then opens {@code path}.
     */
    public WebDriver signIn(String base, String username, String path) {
        driver.get(base + "/login");
        // The sign-in form is drawn by the page's script: on a busy machine it comes a moment after the page loads.
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.findElements(By.id("username")).isEmpty());
        driver.findElement(By.id("username")).sendKeys(username);
        driver.findElement(By.id("password")).sendKeys("demo");
        driver.findElement(By.cssSelector("button[type=submit]")).click();
        new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
        driver.get(base + path);
        return driver;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Saves a screenshot as target/screenshots/{name}.png and returns its path. */
    public Path screenshot(String name) {
        try {
            Path dir = Files.createDirectories(Path.of("target/screenshots"));
            Path target = dir.resolve(name + ".png");
            File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
            Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
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
