package io.omnicase.cases;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.customers.Channel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The timeline's JSON keeps the shape the desk page and API clients read, now that a decision's detail is typed. */
class TimelineEntryJsonTest {

    private final ObjectMapper json = new ObjectMapper().findAndRegisterModules();

    @Test
    void aDecisionEntryShowsTheDecisionsFieldsAsItsDetailAndReadsBackAsTheDecision() throws Exception {
        Decision decision = new Decision(false, "billing", 75, List.of("BILLING"), List.of("A billing dispute is escalated"), "v3");
        JsonNode entry = json.valueToTree(new TimelineEntry(1, InteractionKind.DECISION, null, "routing", "Escalate",
                null, decision, Instant.EPOCH, Instant.EPOCH, null));

        assertThat(entry.get("detail").get("queue").asText()).isEqualTo("billing");
        assertThat(entry.get("detail").get("priority").asInt()).isEqualTo(75);
        assertThat(entry.get("detail").get("rulesFired").get(0).asText()).isEqualTo("A billing dispute is escalated");
        assertThat(entry.get("detail").get("ruleSetVersion").asText()).isEqualTo("v3");
        assertThat(entry.has("decision")).isFalse();
        assertThat(json.treeToValue(entry.get("detail"), Decision.class)).isEqualTo(decision);
    }

    @Test
    void anyOtherEntryShowsItsFieldsAndItsChannelByName() {
        JsonNode entry = json.valueToTree(new TimelineEntry(2, InteractionKind.OUTBOUND, Channel.SMS, "agent", "Hi",
                "SM1", EntryDetail.of(Map.of("delivery", "READ")), Instant.EPOCH, Instant.EPOCH, null));

        assertThat(entry.get("channel").asText()).isEqualTo("SMS");
        assertThat(entry.get("detail").get("delivery").asText()).isEqualTo("READ");
        assertThat(entry.get("detail").size()).isEqualTo(1);
    }
}
