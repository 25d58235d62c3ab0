package io.omnicase.routing;

import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Compiles the real rules/routing.drl and checks the decision for named scenarios. */
class RoutingRulesTest {

    private static RuleSet rules;

    @BeforeAll
    static void compileTheRealRuleFile() throws IOException {
        rules = RuleSet.compile(Files.readString(Path.of("rules/routing.drl")));
    }

    @Test
    void aRoutineQuestionStaysInSelfService() {
        RoutingDecision decision = decide(standardCase(), "How do I change the email address on my account?");

        assertThat(decision.selfService()).isTrue();
        assertThat(decision.queue()).isEqualTo(Queue.GENERAL);
        assertThat(decision.rulesFired()).isEmpty();
        assertThat(decision.ruleSetVersion()).startsWith("sha256:");
    }

    @Test
    void aBillingQuestionIsRoutedToBillingButStaysWithTheAssistant() {
        RoutingDecision decision = decide(standardCase(), "When will my next invoice arrive?");

        assertThat(decision.selfService()).isTrue();
        assertThat(decision.queue()).isEqualTo(Queue.BILLING);
        assertThat(decision.rulesFired()).containsExactly("A message about billing goes to the billing queue");
    }

    @Test
    void aDoubleChargeIsEscalatedToBilling() {
        RoutingDecision decision = decide(standardCase(), "I was charged twice for my subscription!");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.queue()).isEqualTo(Queue.BILLING);
        assertThat(decision.rulesFired()).contains("A billing dispute is escalated");
    }

    @Test
    void aCustomerWhoAsksForAPersonGetsOne() {
        RoutingDecision decision = decide(standardCase(), "Please let me talk to a real person");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.rulesFired()).containsExactly("A customer who asks for a person is escalated");
    }

    @Test
    void anUrgentTechnicalProblemIsEscalatedToTechnicalWithHighPriority() {
        RoutingDecision decision = decide(standardCase(), "The app crashes at login, this is urgent");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.queue()).isEqualTo(Queue.TECHNICAL);
        assertThat(decision.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aVipCustomerGoesToTheSeniorQueueWhateverTheyAsk() {
        RoutingDecision decision = decide(new CaseFacts(Channel.EMAIL, Tier.VIP, 1, 0, 1), "Our invoices are missing");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.queue()).isEqualTo(Queue.SENIOR);
        assertThat(decision.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aReopenedCaseGoesToAPerson() {
        RoutingDecision decision = decide(new CaseFacts(Channel.CHAT, Tier.STANDARD, 2, 1, 1), "It still does not ship");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.rulesFired()).contains("A reopened case goes to a person");
    }

    @Test
    void theThirdMessageOnACaseGoesToAPerson() {
        assertThat(decide(new CaseFacts(Channel.SMS, Tier.STANDARD, 2, 0, 1), "Any news?").selfService()).isTrue();
        assertThat(decide(new CaseFacts(Channel.SMS, Tier.STANDARD, 3, 0, 1), "Any news?").selfService()).isFalse();
    }

    @Test
    void aRuleSetWithASyntaxErrorIsRefusedWithItsLineNumber() {
        assertThatThrownBy(() -> RuleSet.compile("""
                package io.omnicase.rules.routing
                import io.omnicase.routing.DecisionDraft
                rule "broken"
                when
                    $d : DecisionDraft(
                then
                    $d.escalate();
                end
                """))
                .isInstanceOf(RuleSetException.class)
                .satisfies(e -> assertThat(((RuleSetException) e).problems()).anyMatch(p -> p.startsWith("line ")));
    }

    @Test
    void aRuleThatKeepsReFiringIsStoppedAndReported() {
        RuleSet looping = RuleSet.compile("""
                package io.omnicase.rules.routing
                import io.omnicase.routing.DecisionDraft
                rule "Escalate forever"
                when
                    $d : DecisionDraft()
                then
                    $d.escalate();
                    update($d);
                end
                """);

        assertThatThrownBy(() -> looping.decide(standardCase(), new MessageFacts("hello")))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("keeps re-firing");
    }

    private static CaseFacts standardCase() {
        return new CaseFacts(Channel.EMAIL, Tier.STANDARD, 1, 0, 1);
    }

    private static RoutingDecision decide(CaseFacts facts, String text) {
        return rules.decide(facts, new MessageFacts(text));
    }
}
