package io.omnicase.outbox;

import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;

/**
 * A switch read on every call, so it can be flipped at runtime (a property source added first, a test's environment):
 * whether after-commit work is paused, whether the audit trail is on. Read from the environment's property sources by
 * its exact name, each source asked once (the system environment also as {@code OMNICASE_EVENTS_PAUSED}, as it always
 * does). {@link Environment#getProperty} parsed the name into a configuration property name and matched it against
 * every source on each call: in a profile of the drain (issue 18), three such reads per message took about 3.6 % of
 * the application's CPU.
 */
public final class RuntimeSwitch {

    private RuntimeSwitch() {
    }

    /** Whether after-commit work is held back ({@code omnicase.events.paused}, default false). */
    public static boolean eventsPaused(Environment environment) {
        return on(environment, "omnicase.events.paused", false);
    }

    /** The switch's value; {@code fallback} when no source sets it. */
    public static boolean on(Environment environment, String name, boolean fallback) {
        if (!(environment instanceof ConfigurableEnvironment configurable)) {
            return environment.getProperty(name, Boolean.class, fallback);
        }
        for (PropertySource<?> source : configurable.getPropertySources()) {
            if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
                continue;
            }
            Object value = source.getProperty(name);
            if (value != null) {
                return value instanceof Boolean flag ? flag : Boolean.parseBoolean(value.toString().trim());
            }
        }
        return fallback;
    }
}
