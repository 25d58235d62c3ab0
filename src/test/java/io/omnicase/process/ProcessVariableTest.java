package io.omnicase.process;

import io.omnicase.assistant.SelfService;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Typed variables keep the stored form the model's timers and gateways read, and read back without casts. */
class ProcessVariableTest {

    @Test
    void aDurationIsStoredAsTheIsoTextATimerReads() {
        Map<String, Object> variables = new HashMap<>();

        CustomerCaseProcess.SLA_DURATION.put(variables, Duration.ofHours(4));

        assertThat(variables).containsEntry("slaDuration", "PT4H");
        assertThat(CustomerCaseProcess.SLA_DURATION.get(variables)).isEqualTo(Duration.ofHours(4));
    }

    @Test
    void aChoiceIsStoredAsTheNameAGatewayCompares() {
        Map<String, Object> variables = new HashMap<>();

        CustomerCaseProcess.ASSISTANT_OUTCOME.put(variables, SelfService.Outcome.HAND_OVER);

        assertThat(variables).containsEntry("assistantOutcome", "HAND_OVER");
        assertThat(CustomerCaseProcess.ASSISTANT_OUTCOME.get(variables)).isEqualTo(SelfService.Outcome.HAND_OVER);
    }

    @Test
    void aValueOfAnotherTypeThanTheVariablesReadsAsAbsent() {
        Map<String, Object> sentByAClient = Map.of("lowConfidenceCount", "two", "slaDuration", "four hours",
                "assistantOutcome", "MAYBE", "selfService", "yes");

        assertThat(CustomerCaseProcess.LOW_CONFIDENCE_COUNT.get(sentByAClient)).isNull();
        assertThat(CustomerCaseProcess.SLA_DURATION.get(sentByAClient)).isNull();
        assertThat(CustomerCaseProcess.ASSISTANT_OUTCOME.get(sentByAClient)).isNull();
        assertThat(CustomerCaseProcess.SELF_SERVICE.get(sentByAClient)).isNull();
    }

    @Test
    void textReadsAnyValueATasklistFormSends() {
        assertThat(CustomerCaseProcess.RESOLUTION.get(Map.of("resolution", 42))).isEqualTo("42");
        assertThat(CustomerCaseProcess.TOPIC.get(Map.of())).isNull();
    }
}
