package io.omnicase.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An accessibility check of the page open in a {@link Browser} with axe-core (the npm package the front end installs
 * as a development dependency, read from src/main/frontend/node_modules). axe runs through WebDriver, which the page's
 * Content-Security-Policy does not restrict.
 */
public final class Accessibility {

    /** The impacts a page may not have: a user of assistive technology is blocked or badly hindered. */
    public static final Set<String> BLOCKING = Set.of("serious", "critical");

    private static final Path AXE = Path.of("src/main/frontend/node_modules/axe-core/axe.min.js");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Accessibility() {
    }

    /** A rule the page breaks, where, and how badly. */
    public record Violation(String rule, String impact, String help, List<String> targets) {
        @Override
        public String toString() {
            return impact + " " + rule + " (" + help + ") at " + targets;
        }
    }

    /**
     * Runs axe on the part of the page the selector names (the whole page when null) and answers every violation,
     * WCAG 2.x A and AA rules and axe's best practices.
     */
    public static List<Violation> check(WebDriver driver, String selector) {
        JavascriptExecutor page = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        page.executeScript(axeSource());
        String result = (String) page.executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                const context = arguments[0] ? { include: [arguments[0]] } : document;
                axe.run(context, { resultTypes: ['violations'] })
                   .then(r => done(JSON.stringify(r.violations)))
                   .catch(e => done(JSON.stringify({ error: String(e) })));
                """, selector);
        try {
            JsonNode violations = JSON.readTree(result);
            if (violations.has("error")) {
                throw new IllegalStateException("axe failed: " + violations.get("error").asText());
            }
            List<Violation> found = new ArrayList<>();
            for (JsonNode v : violations) {
                List<String> targets = new ArrayList<>();
                v.path("nodes").forEach(n -> targets.add(n.path("target").toString()));
                found.add(new Violation(v.path("id").asText(), v.path("impact").asText(), v.path("help").asText(), targets));
            }
            return found;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Asserts that axe finds nothing serious or critical in the part of the page the selector names. */
    public static void assertNoSeriousViolations(WebDriver driver, String selector) {
        List<Violation> violations = check(driver, selector);
        assertThat(violations.stream().filter(v -> BLOCKING.contains(v.impact())).toList())
                .as("serious or critical accessibility violations (axe-core) in %s; all: %s",
                        selector == null ? "the page" : selector, violations)
                .isEmpty();
    }

    /** The serious and critical violations of the whole page, as text (empty when there are none). */
    public static List<String> seriousViolations(WebDriver driver) {
        return check(driver, null).stream().filter(v -> BLOCKING.contains(v.impact())).map(Violation::toString).toList();
    }

    private static String axeSource() {
        try {
            return Files.readString(AXE);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run npm ci in src/main/frontend", e);
        }
    }
}
