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

    /** Walk 47 (N3): the handover said "answered about billing" after the customer had answered "No … a person". */
    @Test
    void saysWhatTheCustomerAnsweredToTheAssistantsAnswer() {
        Instant answered = Instant.parse("2026-12-05T10:12:00Z");
        List<Handover.Message> transcript = List.of(
                new Handover.Message("INBOUND", null, "v", "I was charged again after cancelling", answered.minusSeconds(60), null),
                new Handover.Message("OUTBOUND", null, "assistant", "You can cancel at any time…", answered, null),
                new Handover.Message("INBOUND", null, "v", "No. I already cancelled and was still charged. I want a refund, "
                        + "please let me talk to a person.", answered.plusSeconds(90), null));
        Handover.Reaction reaction = Handovers.reactionTo(answered, transcript);
        assertThat(reaction).isEqualTo(Handover.Reaction.REJECTED_AND_ASKED_FOR_PERSON);

        Handover.AssistantTry tried = new Handover.AssistantTry("I was charged again after cancelling", true,
                "You can cancel at any time…", "BILLING", 0.91, List.of(), null, answered, reaction);
        assertThat(Handovers.summary(null, transcript, List.of(tried), BILLING_NORMAL, List.of(), null, null, null))
                .contains("last: answered about billing, 91 % sure; the customer said it did not help and asked for a person.");

        assertThat(Handovers.reactionTo(answered, transcript.subList(0, 2))).as("nothing said yet").isNull();
        assertThat(Handovers.reaction("No")).isEqualTo(Handover.Reaction.REJECTED);
        assertThat(Handovers.reaction("That did not help")).isEqualTo(Handover.Reaction.REJECTED);
        assertThat(Handovers.reaction("Can I talk to a human?")).isEqualTo(Handover.Reaction.ASKED_FOR_PERSON);
        assertThat(Handovers.reaction("Yes, thanks!")).isEqualTo(Handover.Reaction.CONFIRMED);
        assertThat(Handovers.reaction("And how do I change my email address?")).isNull();
        assertThat(Handovers.reaction("Nobody told me about the fee")).as("a word that starts with no").isNull();
    }
}
