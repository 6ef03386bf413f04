package dev.trueline.ui;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.UnexpectedAlertBehaviour;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

/**
 * A headless Debian Chromium driven through its own chromedriver, for the chat page tests. Both paths are set
 * explicitly so Selenium Manager never tries to download a browser or a driver (the machines have no internet).
 * When either is missing the tests fail with a message saying how to install them: CI must run them, so they
 * are never skipped.
 */
final class Browser implements AutoCloseable {

    static final String CHROMIUM = env("TRUELINE_CHROMIUM", "/usr/bin/chromium");
    static final String CHROMEDRIVER = env("TRUELINE_CHROMEDRIVER", "/usr/bin/chromedriver");

    /** Generous: the machine is shared and noisy; waits end as soon as their condition holds. */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final ChromeDriver driver;
    private final ChromeDriverService service;
    private final Path profile;

    private Browser(ChromeDriver driver, ChromeDriverService service, Path profile) {
        this.driver = driver;
        this.service = service;
        this.profile = profile;
    }

    static Browser start() {
        requireExecutable(CHROMIUM, "Chromium", "chromium");
        requireExecutable(CHROMEDRIVER, "chromedriver", "chromium-driver");
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER);
        Path profile;
        try {
            profile = Files.createTempDirectory("trueline-chromium-");
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a Chromium profile directory", e);
        }
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--lang=en-US", "--window-size=1280,900",
                "--user-data-dir=" + profile);
        // An alert must not be dismissed silently by the driver: the XSS test looks for it.
        options.setUnhandledPromptBehaviour(UnexpectedAlertBehaviour.IGNORE);
        // keep the browser console (console.*, network errors, CSP reports) for consoleSinceLastCall()
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new File(CHROMEDRIVER))
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(PATIENCE);
        driver.manage().window().setSize(new Dimension(1280, 900));
        // Record alert() calls before any page script runs, so an injected handler is caught even if it fires
        // between two test commands.
        driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source",
                "window.__alerts = []; for (const name of ['alert', 'confirm', 'prompt']) {"
                        + " const original = window[name]; window[name] = function (m) {"
                        + " window.__alerts.push(name + ':' + m); return name === 'confirm' ? true : undefined; }; }"));
        return new Browser(driver, service, profile);
    }

    /** What the console showed since the last call (or the start): every level, as Chromium reports it. */
    List<LogEntry> consoleSinceLastCall() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    private static void requireExecutable(String path, String what, String debianPackage) {
        if (!new File(path).canExecute()) {
            String message = "\n\n*** BROWSER TESTS CANNOT RUN: no " + what + " at " + path + ". ***\n"
                    + "*** Install it with: apt-get install -y chromium chromium-driver (.ci/run does this), ***\n"
                    + "*** or point TRUELINE_CHROMIUM / TRUELINE_CHROMEDRIVER at it. Package: " + debianPackage
                    + " ***\n";
            System.err.println(message);
            throw new IllegalStateException(message);
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            service.stop();
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a leftover temp profile is harmless
            }
        }
    }
}
