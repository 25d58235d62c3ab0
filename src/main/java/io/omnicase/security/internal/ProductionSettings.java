package io.omnicase.security.internal;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * In the {@code production} profile, refuses to start while a secret, token or the first admin's password is unset,
 * blank or one of the demo values published in application.yml and README, naming every offending variable at once.
 * Runs while the environment is prepared, before any bean (database, process engine, web server) exists.
 */
public class ProductionSettings implements EnvironmentPostProcessor, Ordered {

    /** The values the default run and README publish; none of them may guard a production installation. */
    static final Set<String> DEMO_VALUES = Set.of("demo", "demo-verify-token", "demo-whatsapp-app-secret",
            "demo-whatsapp-access-token", "demo-messenger-app-secret", "demo-page-access-token",
            "demo-twilio-auth-token", "demo-voice-secret", "acdemo00000000000000000000000000", "changeme", "secret",
            "password");

    /** A setting to check: its property, the environment variable production reads it from, and when it matters. */
    record Secret(String property, String variable, String condition) {
        Secret(String property, String variable) {
            this(property, variable, null);
        }
    }

    static final List<Secret> SECRETS = List.of(
            new Secret("omnicase.channels.whatsapp.verify-token", "OMNICASE_CHANNELS_WHATSAPP_VERIFY_TOKEN"),
            new Secret("omnicase.channels.whatsapp.app-secret", "OMNICASE_CHANNELS_WHATSAPP_APP_SECRET"),
            new Secret("omnicase.channels.whatsapp.access-token", "OMNICASE_CHANNELS_WHATSAPP_ACCESS_TOKEN",
                    "omnicase.channels.whatsapp.outbound"),
            new Secret("omnicase.channels.messenger.verify-token", "OMNICASE_CHANNELS_MESSENGER_VERIFY_TOKEN"),
            new Secret("omnicase.channels.messenger.app-secret", "OMNICASE_CHANNELS_MESSENGER_APP_SECRET"),
            new Secret("omnicase.channels.messenger.page-access-token", "OMNICASE_CHANNELS_MESSENGER_PAGE_ACCESS_TOKEN",
                    "omnicase.channels.messenger.outbound"),
            new Secret("omnicase.channels.twilio.auth-token", "OMNICASE_CHANNELS_TWILIO_AUTH_TOKEN"),
            new Secret("omnicase.channels.twilio.account-sid", "OMNICASE_CHANNELS_TWILIO_ACCOUNT_SID",
                    "omnicase.channels.twilio.outbound"),
            new Secret("omnicase.channels.voice.secret", "OMNICASE_CHANNELS_VOICE_SECRET"),
            // Signs chat visitor tokens; every node must share it (the default run makes one per start).
            new Secret("omnicase.channels.chat.token-secret", "OMNICASE_CHANNELS_CHAT_TOKEN_SECRET"),
            new Secret("omnicase.channels.email.password", "MAIL_PASSWORD", "omnicase.channels.email.enabled"),
            new Secret("omnicase.security.initial-admin-password", "OMNICASE_ADMIN_PASSWORD"));

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (environment.acceptsProfiles(Profiles.of("production"))) {
            List<String> problems = problems(environment);
            if (!problems.isEmpty()) {
                throw new InsecureProductionSettingsException(problems);
            }
        }
    }

    /** One line per setting that keeps production from starting; empty when all are set to real values. */
    static List<String> problems(Environment environment) {
        List<String> problems = new ArrayList<>();
        for (Secret secret : SECRETS) {
            if (secret.condition() != null && !environment.getProperty(secret.condition(), Boolean.class, false)) {
                continue;
            }
            String value = environment.getProperty(secret.property());
            if (value == null || value.isBlank()) {
                problems.add(secret.variable() + " (" + secret.property() + ") is not set");
            } else if (DEMO_VALUES.contains(value.strip().toLowerCase(Locale.ROOT))) {
                problems.add(secret.variable() + " (" + secret.property() + ") is a published demo value");
            }
        }
        if (environment.getProperty("omnicase.demo-data", Boolean.class, false)) {
            problems.add("OMNICASE_DEMO_DATA (omnicase.demo-data) is true: demo users log in with the password 'demo'");
        }
        return problems;
    }

    @Override
    public int getOrder() {
        // After the configuration files are loaded (ConfigDataEnvironmentPostProcessor).
        return Ordered.LOWEST_PRECEDENCE;
    }

    /** Production settings that must change before the application may start; the message names each. */
    public static class InsecureProductionSettingsException extends IllegalStateException {

        private final List<String> problems;

        InsecureProductionSettingsException(List<String> problems) {
            super("Omnicase refuses to start in the production profile until these settings are real secrets:\n  - "
                    + String.join("\n  - ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }
}
