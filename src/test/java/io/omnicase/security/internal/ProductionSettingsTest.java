package io.omnicase.security.internal;

import io.omnicase.OmnicaseApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The production profile starts only with real secrets; the check runs before anything else is built. */
class ProductionSettingsTest {

    private static final String[] REQUIRED = {"OMNICASE_CHANNELS_WHATSAPP_VERIFY_TOKEN",
            "OMNICASE_CHANNELS_WHATSAPP_APP_SECRET", "OMNICASE_CHANNELS_MESSENGER_VERIFY_TOKEN",
            "OMNICASE_CHANNELS_MESSENGER_APP_SECRET", "OMNICASE_CHANNELS_TWILIO_AUTH_TOKEN",
            "OMNICASE_CHANNELS_VOICE_SECRET", "OMNICASE_CHANNELS_CHAT_TOKEN_SECRET", "OMNICASE_ADMIN_PASSWORD"};

    @Test
    void omnicaseRefusesToStartInProductionWithTheDemoSecretsNamingEachVariable() {
        Map<String, String> demo = new LinkedHashMap<>();
        demo.put("OMNICASE_CHANNELS_WHATSAPP_VERIFY_TOKEN", "demo-verify-token");
        demo.put("OMNICASE_CHANNELS_WHATSAPP_APP_SECRET", "demo-whatsapp-app-secret");
        demo.put("OMNICASE_CHANNELS_MESSENGER_VERIFY_TOKEN", "demo-verify-token");
        demo.put("OMNICASE_CHANNELS_MESSENGER_APP_SECRET", "demo-messenger-app-secret");
        demo.put("OMNICASE_CHANNELS_TWILIO_AUTH_TOKEN", "demo-twilio-auth-token");
        demo.put("OMNICASE_CHANNELS_VOICE_SECRET", "demo-voice-secret");
        demo.put("OMNICASE_CHANNELS_CHAT_TOKEN_SECRET", "changeme");
        demo.put("OMNICASE_ADMIN_PASSWORD", "demo");
        demo.put("MAIL_ENABLED", "true");
        demo.put("MAIL_PASSWORD", " Demo ");

        // The real application class: the refusal comes before its database, engine or web server would start.
        assertThatThrownBy(() -> start(OmnicaseApplication.class, demo))
                .isInstanceOf(ProductionSettings.InsecureProductionSettingsException.class)
                .hasMessageContaining("OMNICASE_CHANNELS_WHATSAPP_VERIFY_TOKEN (omnicase.channels.whatsapp.verify-token) is a published demo value")
                .hasMessageContaining("OMNICASE_CHANNELS_WHATSAPP_APP_SECRET (omnicase.channels.whatsapp.app-secret)")
                .hasMessageContaining("OMNICASE_CHANNELS_MESSENGER_VERIFY_TOKEN (omnicase.channels.messenger.verify-token)")
                .hasMessageContaining("OMNICASE_CHANNELS_MESSENGER_APP_SECRET (omnicase.channels.messenger.app-secret)")
                .hasMessageContaining("OMNICASE_CHANNELS_TWILIO_AUTH_TOKEN (omnicase.channels.twilio.auth-token)")
                .hasMessageContaining("OMNICASE_CHANNELS_VOICE_SECRET (omnicase.channels.voice.secret)")
                .hasMessageContaining("OMNICASE_CHANNELS_CHAT_TOKEN_SECRET (omnicase.channels.chat.token-secret) is a published demo value")
                .hasMessageContaining("MAIL_PASSWORD (omnicase.channels.email.password) is a published demo value")
                .hasMessageContaining("OMNICASE_ADMIN_PASSWORD (omnicase.security.initial-admin-password) is a published demo value")
                .satisfies(e -> assertThat(((ProductionSettings.InsecureProductionSettingsException) e).problems()).hasSize(9));
    }

    @Test
    void unsetOrBlankSecretsAreNamedToo() {
        // Nothing set: application.yml's demo values must not leak into production either.
        assertThatThrownBy(() -> start(OmnicaseApplication.class, Map.of("OMNICASE_CHANNELS_VOICE_SECRET", "   ")))
                .isInstanceOf(ProductionSettings.InsecureProductionSettingsException.class)
                .satisfies(e -> assertThat(((ProductionSettings.InsecureProductionSettingsException) e).problems())
                        .hasSize(REQUIRED.length)
                        .allSatisfy(problem -> assertThat(problem).endsWith("is not set")))
                .hasMessageContaining("OMNICASE_CHANNELS_VOICE_SECRET (omnicase.channels.voice.secret) is not set");
    }

    @Test
    void demoDataIsRefusedInProductionBecauseItsUsersShareThePasswordDemo() {
        Map<String, String> settings = realSecrets();
        settings.put("OMNICASE_DEMO_DATA", "true");

        assertThatThrownBy(() -> start(OmnicaseApplication.class, settings))
                .hasMessageContaining("OMNICASE_DEMO_DATA (omnicase.demo-data) is true");
    }

    @Test
    void realSecretsPassAndProductionTrustsTheProxyAndSendsCookiesOverTlsOnly() {
        Map<String, String> settings = realSecrets();

        try (ConfigurableApplicationContext context = start(NoBeans.class, settings)) {
            // Started: the check passed (the test classpath's initializers add stand-in settings only afterwards).
            Environment environment = context.getEnvironment();
            assertThat(environment.getProperty("omnicase.channels.whatsapp.app-secret")).isEqualTo("s3cr3t-OMNICASE_CHANNELS_WHATSAPP_APP_SECRET");
            assertThat(environment.getProperty("server.forward-headers-strategy")).isEqualTo("native");
            assertThat(environment.getProperty("server.servlet.session.cookie.secure", Boolean.class)).isTrue();
            assertThat(environment.getProperty("server.servlet.session.cookie.http-only", Boolean.class)).isTrue();
        }
    }

    @Test
    void anOutboundChannelNeedsItsAccessTokenAndAMailboxItsPassword() {
        Map<String, String> settings = realSecrets();
        settings.put("omnicase.channels.whatsapp.outbound", "true");
        settings.put("OMNICASE_CHANNELS_WHATSAPP_ACCESS_TOKEN", "demo-whatsapp-access-token");
        settings.put("MAIL_ENABLED", "true");

        assertThatThrownBy(() -> start(NoBeans.class, settings))
                .hasMessageContaining("OMNICASE_CHANNELS_WHATSAPP_ACCESS_TOKEN (omnicase.channels.whatsapp.access-token) is a published demo value")
                .hasMessageContaining("MAIL_PASSWORD (omnicase.channels.email.password) is not set");
    }

    @Test
    void theComposeFileCarriesNoDemoSecretAndRequiresEachSecret() throws IOException {
        String compose = Files.readString(Path.of("docker/docker-compose.yml"));

        assertThat(compose.toLowerCase()).doesNotContain("demo-").doesNotContain(": demo");
        for (String variable : REQUIRED) {
            assertThat(compose).contains(variable + ": ${" + variable + ":?");
        }
    }

    private static Map<String, String> realSecrets() {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String variable : REQUIRED) {
            settings.put(variable, "s3cr3t-" + variable);
        }
        return settings;
    }

    /** Starts the application in the production profile; settings as command-line arguments stand in for the environment. */
    private static ConfigurableApplicationContext start(Class<?> source, Map<String, String> settings) {
        return new SpringApplicationBuilder(source).profiles("production").web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(settings.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Configuration(proxyBeanMethods = false)
    static class NoBeans {
    }
}
