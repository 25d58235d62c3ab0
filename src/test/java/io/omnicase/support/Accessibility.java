package io.omnicase.support;

import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * An accessibility check of the page in the browser with axe-core (the npm devDependency of src/main/frontend): the
 * rules it breaks with a serious or critical impact, each with the elements that break it.
 */
public final class Accessibility {

    private static final Path AXE = Path.of("src/main/frontend/node_modules/axe-core/axe.min.js");

    private static final String RUN = """
            const done = arguments[arguments.length - 1];
            axe.run(document, { resultTypes: ['violations'] })
              .then(result => done(result.violations
                .filter(v => v.impact === 'serious' || v.impact === 'critical')
                .map(v => v.impact + ' ' + v.id + ' (' + v.help + '): '
                  + v.nodes.slice(0, 5).map(n => n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ')).join(' | '))))
              .catch(e => done(['axe-core failed: ' + e]));
            """;

    private Accessibility() {
    }

    /** The serious and critical axe-core violations of the page as it is now; empty when there are none. */
    @SuppressWarnings("unchecked")
    public static List<String> seriousViolations(WebDriver driver) {
        String axe;
        try {
            axe = Files.readString(AXE);
        } catch (IOException e) {
            throw new UncheckedIOException("axe-core is missing: run npm ci in src/main/frontend", e);
        }
        JavascriptExecutor js = (JavascriptExecutor) driver;
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(60));
        js.executeScript(axe);
        return (List<String>) js.executeAsyncScript(RUN);
    }
}
