package io.omnicase.desk;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HandoverSummaryTest {

    private static final Handover.RoutingPart BILLING_NORMAL = new Handover.RoutingPart(false, "billing", 50,
            List.of("A message about billing goes to the billing queue"), "v1", Instant.parse("2026-12-03T21:23:00Z"), null);

    private static String summary(Handovers.Placement now) {
        return Handovers.summary(null, List.of(), List.of(), BILLING_NORMAL, List.of(), null, null, now);
    }

    @Test
    void saysThePriorityASupervisorRaisedFirstAndMarksTheRulesPlacementAsAtHandover() {
        assertThat(summary(new Handovers.Placement("billing", 90)))
                .contains("Routing: now queue billing, urgent priority; at handover (2026-12-03 21:23 UTC) queue billing, "
                        + "normal priority, because a message about billing goes to the billing queue.")
                .doesNotContain("Routing: queue billing, normal priority");
    }

    @Test
    void namesTheQueueTheCaseWasMovedTo() {
        assertThat(summary(new Handovers.Placement("general", 50))).contains("Routing: now queue general, normal priority; at handover");
    }

    @Test
    void saysThePlacementOnceWhileTheCaseSitsWhereTheRulesPutIt() {
        assertThat(summary(new Handovers.Placement("billing", 50)))
                .contains("Routing: queue billing, normal priority, because").doesNotContain("now").doesNotContain("at handover");
    }

    @Test
    void saysWhenTheLastReplyDidNotReachTheCustomer() {
        assertThat(Handovers.lastReply("Alex Agent", "The refund comes within 3 working days.", "FAILED"))
                .isEqualTo("Last reply by Alex Agent (not sent: the customer did not get it): "
                        + "\"The refund comes within 3 working days.\".");
        assertThat(Handovers.lastReply("Alex Agent", "The refund comes within 3 working days.", "READ"))
                .isEqualTo("Last reply by Alex Agent: \"The refund comes within 3 working days.\".");
    }
}
