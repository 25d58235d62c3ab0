package io.omnicase.routing;

import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.Tier;
import io.omnicase.routing.facts.SentimentTrend;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.omnicase.routing.Scenario.standardCase;

/**
 * Compiles the DRL the server generates from the shipped rule table, rules/routing-rules.json (the source of the
 * default rules, what a supervisor sees as rows), and checks the decision for named scenarios.
 */
class RoutingRulesTest {

    private static final Path TABLE = Path.of("rules/routing-rules.json");
    private static final Path DRL = Path.of("rules/routing.drl");
    private static String generated;
    private static RuleSet rules;

    @BeforeAll
    static void compileTheRulesGeneratedFromTheShippedTable() throws IOException {
        GuidedRuleSet table = new ObjectMapper().readValue(TABLE.toFile(), GuidedRuleSet.class);
        generated = RuleSets.drlOf(table);
        rules = RuleSet.compile(generated);
    }

    /**
     * rules/routing.drl is kept for developers to read; it must be exactly what the generator makes of the table.
     * When the table or the generator changes, copy target/generated-rules/routing.drl over it.
     */
    @Test
    void theDrlFileIsWhatTheServerGeneratesFromTheShippedTable() throws IOException {
        Path fresh = Path.of("target/generated-rules/routing.drl");
        Files.createDirectories(fresh.getParent());
        Files.writeString(fresh, generated);

        assertThat(Files.readString(DRL)).as("rules/routing.drl is stale; copy " + fresh + " over it").isEqualTo(generated);
    }

    @Test
    void everyShippedRuleIsARowASupervisorSees() throws IOException {
        GuidedRuleSet table = new ObjectMapper().readValue(TABLE.toFile(), GuidedRuleSet.class);

        assertThat(table.rules()).hasSize(15);
        assertThat(generated).doesNotContain("matches").contains("rule \"A billing dispute is escalated\"");
    }

    @Test
    void aRoutineQuestionStaysInSelfService() {
        RoutingDecision decision = decide(standardCase(), "How do I change the email address on my account?");

        assertThat(decision.selfService()).isTrue();
        assertThat(decision.queue()).isEqualTo(Queue.GENERAL);
        assertThat(decision.rulesFired()).containsExactly("A message about the account needs someone who may change accounts");
        assertThat(decision.ruleSetVersion()).startsWith("sha256:");
    }

    @Test
    void aBillingQuestionIsRoutedToBillingButStaysWithTheAssistant() {
        RoutingDecision decision = decide(standardCase(), "When will my next invoice arrive?");

        assertThat(decision.selfService()).isTrue();
        assertThat(decision.queue()).isEqualTo(Queue.BILLING);
        assertThat(decision.rulesFired()).containsExactly("A message about billing goes to the billing queue");
    }

    /**
     * A forged sender (the mail server found From failing DMARC) gets no automatic answer: the rules' billing
     * self-service becomes billing's task, and the first reason says why in words.
     */
    @Test
    void aSenderNotVerifiedGetsAPersonInTheRulesQueueAndTheReasonSaysWhy() {
        RoutingDecision rules = decide(standardCase(), "When will my next invoice arrive?");
        RoutingDecision held = rules.withoutAutomaticAnswer("sender not verified: dmarc=fail according to mx.example.com");

        assertThat(held.selfService()).isFalse();
        assertThat(held.queue()).isEqualTo(rules.queue());
        assertThat(held.priority()).isEqualTo(rules.priority());
        assertThat(held.rulesFired()).containsExactly(
                "No automatic answer, sender not verified: dmarc=fail according to mx.example.com",
                "A message about billing goes to the billing queue");
        assertThat(held.reasons()).first().asString().contains("sender not verified: dmarc=fail");
        assertThat(held.ruleSetVersion()).isEqualTo(rules.ruleSetVersion());
    }

    @Test
    void aDoubleChargeIsEscalatedToBilling() {
        RoutingDecision decision = decide(standardCase(), "I was charged twice for my subscription!");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.queue()).isEqualTo(Queue.BILLING);
        assertThat(decision.rulesFired()).contains("A billing dispute is escalated");
    }

    /**
     * Walk 47: "charged me again … I want my money back" after a cancellation got the assistant's "Cancel your
     * subscription" article, which says "you are not charged again".
     */
    @Test
    void aChargeAfterCancellingIsADisputeForAPerson() {
        RoutingDecision decision = decide(standardCase(),
                "Hi, I cancelled my subscription last month but you charged me again on 1 December. I want my money back.");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.queue()).isEqualTo(Queue.BILLING);
        assertThat(decision.rulesFired()).contains("A billing dispute is escalated");

        assertThat(decide(standardCase(), "I cancelled in November and I am still being charged every month.").rulesFired())
                .contains("A billing dispute is escalated");
        assertThat(decide(standardCase(), "You took 29.90 EUR after I cancelled, I want a refund.").rulesFired())
                .contains("A billing dispute is escalated");

        for (String question : List.of("How do I cancel my subscription?", "Where can I download my invoice?",
                "Please call me back about my invoice", "How do I update the card I pay with?")) {
            RoutingDecision decision2 = decide(standardCase(), question);
            assertThat(decision2.rulesFired()).as(question).doesNotContain("A billing dispute is escalated");
        }
    }

    @Test
    void aCustomerWhoAsksForAPersonGetsOne() {
        RoutingDecision decision = decide(standardCase(), "Please let me talk to a real person");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.rulesFired()).containsExactly("A customer who asks for a person is escalated");
        assertThat(decision.reasons()).containsExactly("The customer asked for a person");
    }

    @Test
    void aCustomerWhoMeansToLeaveIsEscalatedWithHighPriorityWhichIsNotAskingForAPerson() {
        String churn = "A customer who means to leave is escalated with high priority";
        RoutingDecision leaving = decide(standardCase(), "If this isn't sorted by Friday I'm switching to another provider");
        RoutingDecision person = decide(standardCase(), "Please let me talk to a real person");
        RoutingDecision order = decide(standardCase(), "Can I cancel my order from yesterday?");

        assertThat(leaving.selfService()).isFalse();
        assertThat(leaving.priority()).isEqualTo(Priority.HIGH);
        assertThat(leaving.requiredSkills()).contains(Skill.DE_ESCALATION);
        assertThat(leaving.rulesFired()).contains(churn).doesNotContain("A customer who asks for a person is escalated");
        assertThat(person.rulesFired()).contains("A customer who asks for a person is escalated").doesNotContain(churn);
        assertThat(order.rulesFired()).doesNotContain(churn);
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
        RoutingDecision decision = decide(standardCase().tier(Tier.VIP), "Our invoices are missing");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.queue()).isEqualTo(Queue.SENIOR);
        assertThat(decision.priority()).isEqualTo(Priority.HIGH);
    }

    @Test
    void aReopenedCaseGoesToAPerson() {
        RoutingDecision decision = decide(standardCase().channel(Channel.CHAT).messages(2).reopened(1), "It still does not ship");

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.rulesFired()).contains("A reopened case goes to a person");
    }

    @Test
    void theThirdMessageOnACaseGoesToAPerson() {
        assertThat(decide(standardCase().channel(Channel.SMS).messages(2), "Any news?").selfService()).isTrue();
        assertThat(decide(standardCase().channel(Channel.SMS).messages(3), "Any news?").selfService()).isFalse();
    }

    @Test
    void aCustomerWhoseMoodTurnsSharplyNegativeInSelfServiceIsEscalatedAtOnceWithPriority() {
        RoutingDecision calm = decide(standardCase().inSelfService().messages(2).mood(0.3, SentimentTrend.STEADY),
                "Ok, and where do I find the tracking number?");
        RoutingDecision angry = decide(standardCase().inSelfService().messages(2).mood(-0.2, SentimentTrend.WORSENING),
                "This is useless, I am really angry and nothing works!!!");

        assertThat(calm.selfService()).isTrue();
        assertThat(angry.selfService()).isFalse();
        assertThat(angry.priority()).isEqualTo(Priority.URGENT);
        assertThat(angry.requiredSkills()).contains(Skill.DE_ESCALATION);
        assertThat(angry.rulesFired())
                .contains("A customer whose mood turns sharply negative in self-service is escalated at once");
    }

    @Test
    void theThirdComplaintAboutTheSameTopicGoesToTheSeniorQueue() {
        String complaint = "Your invoice is wrong again, this is awful";
        RoutingDecision second = decide(standardCase().sameTopicComplaints(2), complaint);
        RoutingDecision third = decide(standardCase().sameTopicComplaints(3), complaint);

        assertThat(second.queue()).isEqualTo(Queue.BILLING);
        assertThat(third.selfService()).isFalse();
        assertThat(third.queue()).isEqualTo(Queue.SENIOR);
        assertThat(third.priority()).isEqualTo(Priority.HIGH);
        assertThat(third.rulesFired()).contains("The third complaint about the same topic goes to the senior queue");
    }

    @Test
    void theThirdBillingComplaintIn90DaysGoesToTheSeniorQueue() {
        String complaint = "I was billed for the premium plan I never ordered";
        RoutingDecision second = decide(standardCase().repeats(new RepeatFacts(2, 12, PreviousOutcome.RESOLVED)), complaint);
        RoutingDecision third = decide(standardCase().repeats(new RepeatFacts(3, 5, PreviousOutcome.RESOLVED)), complaint);

        assertThat(second.queue()).isEqualTo(Queue.BILLING);
        assertThat(second.rulesFired()).doesNotContain("A third billing complaint in 90 days goes to the senior queue");
        assertThat(third.selfService()).isFalse();
        assertThat(third.queue()).isEqualTo(Queue.SENIOR);
        assertThat(third.priority()).isEqualTo(Priority.HIGH);
        assertThat(third.requiredSkills()).contains(Skill.BILLING);
        assertThat(third.rulesFired()).contains("A third billing complaint in 90 days goes to the senior queue");
        assertThat(third.reasons()).contains("The customer contacts us for the third time about the same billing issue");
    }

    @Test
    void aThirdContactAboutATechnicalIssueIsNotABillingComplaint() {
        RoutingDecision decision = decide(standardCase().repeats(new RepeatFacts(3, 2, PreviousOutcome.OPEN)),
                "The app crashes again after the update");

        assertThat(decision.queue()).isEqualTo(Queue.TECHNICAL);
        assertThat(decision.rulesFired()).doesNotContain("A third billing complaint in 90 days goes to the senior queue");
    }

    @Test
    void aCaseTheAssistantHeldForThreeDaysGoesToAPerson() {
        assertThat(decide(standardCase().inSelfService().ageHours(71), "Any news?").selfService()).isTrue();
        assertThat(decide(standardCase().inSelfService().ageHours(72), "Any news?").selfService()).isFalse();
    }

    @Test
    void aFrequentCustomerIsServedWithHighPriorityAndABillingPersonNeedsBillingSkills() {
        RoutingDecision decision = decide(standardCase().recentCases(5), "I was charged twice");

        assertThat(decision.priority()).isEqualTo(Priority.HIGH);
        assertThat(decision.requiredSkills()).containsExactly(Skill.BILLING);
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

        assertThatThrownBy(() -> looping.decide(standardCase().writes("hello")))
                .isInstanceOf(RuleSetException.class)
                .hasMessageContaining("keeps re-firing");
    }

    private static RoutingDecision decide(Scenario scenario, String text) {
        return rules.decide(scenario.writes(text));
    }
}
