package io.omnicase.insight.internal;

import io.omnicase.search.CaseOutcome;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static io.omnicase.insight.internal.OutcomeCalculation.Kind.CUSTOMER;
import static io.omnicase.insight.internal.OutcomeCalculation.Kind.OTHER;
import static io.omnicase.insight.internal.OutcomeCalculation.Kind.REPLY;
import static io.omnicase.insight.internal.OutcomeCalculation.Kind.SLA_BREACH;
import static org.assertj.core.api.Assertions.assertThat;

class OutcomeCalculationTest {

    private static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static OutcomeCalculation.Entry at(int minutes, OutcomeCalculation.Kind kind, String author, String text, Double sentiment) {
        return new OutcomeCalculation.Entry(kind, author, text, sentiment, T0.plusSeconds(minutes * 60L));
    }

    @Test
    void theReplyAfterWhichTheCustomersMoodFellMostIsTheMomentAndTheLastReplierTheAgent() {
        OutcomeCalculation.Case c = new OutcomeCalculation.Case(1, 2, "BILLING", "billing", "EMAIL", "RESOLVED", T0,
                T0.plusSeconds(3600), 0);
        CaseOutcome outcome = OutcomeCalculation.of(c, List.of(
                at(0, CUSTOMER, "customer", "I was charged twice", -0.2),
                at(1, REPLY, "assistant", "Let me check", null),
                at(5, CUSTOMER, "customer", "Please hurry", -0.3),
                at(10, REPLY, "bruno", "Please read our terms", null),
                at(20, CUSTOMER, "customer", "That is outrageous", -0.8),
                at(30, REPLY, "chen", "I have refunded the second charge", null),
                at(40, CUSTOMER, "customer", "Thank you!", 0.6),
                at(41, SLA_BREACH, "sla", "SLA breached", null),
                at(50, OTHER, "case", "Resolved by chen", null)));

        assertThat(outcome.agent()).isEqualTo("chen");
        assertThat(outcome.fellAgent()).isEqualTo("bruno");
        assertThat(outcome.fellBefore()).isEqualTo(-0.3);
        assertThat(outcome.fellAfter()).isEqualTo(-0.8);
        assertThat(outcome.fellExcerpt()).isEqualTo("Please read our terms");
        assertThat(outcome.sentimentChange()).isEqualTo(0.8);
        assertThat(outcome.handleSeconds()).isEqualTo(3600);
        assertThat(outcome.firstContactResolution()).isZero();
        assertThat(outcome.slaBreaches()).isEqualTo(1);
        assertThat(outcome.replies()).isEqualTo(3);
    }

    @Test
    void aCaseResolvedWithOneReplyAndNeverReopenedIsAFirstContactResolution() {
        OutcomeCalculation.Case c = new OutcomeCalculation.Case(1, 2, "OTHER", "general", "CHAT", "RESOLVED", T0,
                T0.plusSeconds(600), 0);
        CaseOutcome outcome = OutcomeCalculation.of(c, List.of(at(0, CUSTOMER, "customer", "Opening hours?", 0.0),
                at(2, REPLY, "amelie", "9 to 5", null)));

        assertThat(outcome.firstContactResolution()).isEqualTo(1);
        assertThat(outcome.sentimentChange()).isNull();
        assertThat(outcome.fellAt()).isNull();
        assertThat(outcome.agent()).isEqualTo("amelie");
    }

    @Test
    void aCaseNoPersonRepliedToWasHandledByTheAssistantAndAnOpenOneHasNoHandleTime() {
        OutcomeCalculation.Case c = new OutcomeCalculation.Case(1, 2, "OTHER", "general", "CHAT", "SELF_SERVICE", T0,
                null, 0);
        CaseOutcome outcome = OutcomeCalculation.of(c, List.of(at(0, CUSTOMER, "customer", "Hello", 0.0),
                at(1, REPLY, "assistant", "Hi", null)));

        assertThat(outcome.agent()).isEqualTo("assistant");
        assertThat(outcome.handleSeconds()).isNull();
        assertThat(outcome.firstContactResolution()).isZero();
    }
}
