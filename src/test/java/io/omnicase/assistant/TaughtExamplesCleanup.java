package io.omnicase.assistant;

import io.omnicase.support.Api;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.junit.jupiter.SpringExtension;

import java.util.List;

/**
 * Removes the examples a test taught through the API, as a supervisor would, so the knowledge (and the statistics the
 * confidence is read in) is for the next test class what it was before: the test JVM shares one knowledge index, and
 * near-identical phrasings of one topic left behind moved other classes' answers across the threshold.
 * Registered with {@code @RegisterExtension} in a {@code @RunningOmnicase} class.
 */
final class TaughtExamplesCleanup implements BeforeEachCallback, AfterEachCallback {

    private long before;

    @Override
    public void beforeEach(ExtensionContext context) {
        before = jdbc(context).sql("SELECT COALESCE(MAX(id), 0) FROM assistant_examples").query(Long.class).single();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        ApplicationContext app = SpringExtension.getApplicationContext(context);
        int port = Integer.parseInt(app.getEnvironment().getRequiredProperty("local.server.port"));
        List<Long> taught = jdbc(context).sql("SELECT id FROM assistant_examples WHERE id > ? AND case_id IS NULL")
                .param(before).query(Long.class).list();
        for (long id : taught) {
            int status = Api.as(port, "supervisor").delete("/api/assistant/examples/" + id).status();
            if (status != 204 && status != 404) {
                throw new AssertionError("Could not remove example " + id + ": " + status);
            }
        }
    }

    private static JdbcClient jdbc(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context).getBean(JdbcClient.class);
    }
}
