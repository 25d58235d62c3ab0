package io.omnicase.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** How often a timer cycle fires, as the deployment policy reads it (at most once a minute passes). */
class TimerCycleTest {

    @Test
    void theShortestPeriodOfACycleInSeconds() {
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/PT0S")).isZero();
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R5/PT59S")).isEqualTo(59);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R3/PT10M")).isEqualTo(600);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R/2026-01-01T00:00:00Z/P1D")).isEqualTo(86_400);
        assertThat(DeploymentPolicy.cyclePeriodSeconds("R2/P1DT0.5S")).isEqualTo(86_400);
    }
}
