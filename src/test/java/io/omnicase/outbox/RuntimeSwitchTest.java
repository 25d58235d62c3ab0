package io.omnicase.outbox;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.mock.env.MockEnvironment;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RuntimeSwitchTest {

    private static final String NAME = "omnicase.events.paused";

    @Test
    void theFallbackWhenNoSourceSetsIt() {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigurationPropertySources.attach(environment);
        assertThat(RuntimeSwitch.on(environment, NAME, false)).isFalse();
        assertThat(RuntimeSwitch.on(environment, NAME, true)).isTrue();
    }

    @Test
    void aSourceAddedFirstAtRuntimeWinsAndItsRemovalIsSeenAtOnce() {
        StandardEnvironment environment = new StandardEnvironment();
        ConfigurationPropertySources.attach(environment);
        environment.getPropertySources().addLast(new MapPropertySource("application", Map.of(NAME, "false")));
        assertThat(RuntimeSwitch.on(environment, NAME, true)).isFalse();

        environment.getPropertySources().addFirst(new MapPropertySource("pause", Map.of(NAME, " TRUE ")));
        assertThat(RuntimeSwitch.on(environment, NAME, false)).isTrue();

        environment.getPropertySources().remove("pause");
        assertThat(RuntimeSwitch.on(environment, NAME, true)).isFalse();
    }

    @Test
    void aBooleanValueAndAChangeOfATestsEnvironment() {
        MockEnvironment environment = new MockEnvironment();
        environment.getPropertySources().addFirst(new MapPropertySource("typed", Map.of("omnicase.audit.trail.enabled", Boolean.FALSE)));
        assertThat(RuntimeSwitch.on(environment, "omnicase.audit.trail.enabled", true)).isFalse();

        environment.setProperty(NAME, "true");
        assertThat(RuntimeSwitch.on(environment, NAME, false)).isTrue();
        environment.setProperty(NAME, "false");
        assertThat(RuntimeSwitch.on(environment, NAME, true)).isFalse();
    }

    @Test
    void theSystemEnvironmentsUpperCaseNameCounts() {
        StandardEnvironment environment = new StandardEnvironment();
        environment.getPropertySources().addFirst(new SystemEnvironmentPropertySource("env",
                Map.of("OMNICASE_EVENTS_PAUSED", "true")));
        assertThat(RuntimeSwitch.on(environment, NAME, false)).isTrue();
    }
}
