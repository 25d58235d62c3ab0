package io.omnicase.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.routing.internal.DrlGenerator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static io.omnicase.routing.Scenario.standardCase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * A supervisor's rule table: checked by type cell by cell, turned into DRL from fixed templates, and whatever text they
 * type stays a string literal that never runs.
 */
class GuidedRulesTest {

    /** What a payload would set, had it run as code in this JVM. */
    static final AtomicBoolean CANARY = new AtomicBoolean();
    private static final String TOUCH = "io.omnicase.routing.GuidedRulesTest.CANARY.set(true)";

    /** The three texts that once slipped past the denylist, aimed at this test's canary. */
    static final List<String> PAYLOADS = List.of(
            "\"); Integer.parseInt(\"\" + org\n.springframework.web.context.request.RequestContextHolder"
                    + ".currentRequestAttributes()); " + TOUCH + "; //",
            "\\\"); \nfor\n(int i = 0; i < 1; i++) { " + TOUCH + "; } /* */ end\nrule \"x\" when then " + TOUCH + "; end",
            "char q='\"'; " + TOUCH + "; \\u0022); " + TOUCH + "; // # $decision.escalate(); insert(q); @{x} ${x}");

    private final RuleSets ruleSets = new RuleSets(null, null, null, null, null);

    @AfterEach
    void canaryStaysDown() {
        assertThat(CANARY).as("a payload ran as code").isFalse();
    }

    @Test
    void theShippedTablePassesAndItsRulesDecide() throws Exception {
        GuidedRuleSet shipped = new ObjectMapper().readValue(Path.of("rules/routing-rules.json").toFile(), GuidedRuleSet.class);

        assertThat(ruleSets.validate(shipped)).isNotNull();
    }

    @Test
    void anUnknownFieldIsRefusedNamingItsRowAndColumn() {
        GuidedRuleSet table = table(row("Fine", condition("MESSAGE_URGENT", "IS", true)),
                row("Reads the environment", condition("SYSTEM_PROPERTY", "IS", "x")));

        assertThat(problems(table)).containsExactly(new RuleProblem(2, "conditions[1].field",
                "unknown field 'SYSTEM_PROPERTY'; use one of " + List.of(FactField.values())));
    }

    @Test
    void anUnknownOperatorOrOneThatDoesNotFitTheFieldIsRefusedNamingItsRowAndColumn() {
        GuidedRuleSet table = table(row("Matches a pattern", condition("MESSAGE_TEXT", "MATCHES", ".*")),
                row("Greater topic", condition("MESSAGE_TOPIC", "MORE_THAN", "BILLING")));

        List<RuleProblem> problems = problems(table);
        assertThat(problems).extracting(RuleProblem::row, RuleProblem::column)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1, "conditions[1].operator"),
                        org.assertj.core.groups.Tuple.tuple(2, "conditions[1].operator"));
        assertThat(problems.get(0).message()).startsWith("unknown operator 'MATCHES'");
        assertThat(problems.get(1).message()).contains("does not apply to MESSAGE_TOPIC");
    }

    @Test
    void valuesMustHaveTheFieldsTypeAndStayInItsRange() {
        GuidedRuleSet table = table(row("Typed", condition("MESSAGE_TOPIC", "IS", "Topic.BILLING"),
                condition("CASE_MESSAGE_COUNT", "AT_LEAST", "3"), condition("CASE_MESSAGE_COUNT", "AT_LEAST", 2.5),
                condition("MESSAGE_URGENT", "IS", "true"), condition("MESSAGE_SENTIMENT", "AT_MOST", -7),
                condition("MESSAGE_TEXT", "CONTAINS", 42), condition("MESSAGE_TEXT", "CONTAINS", List.of("x"))));

        assertThat(problems(table)).extracting(RuleProblem::column, RuleProblem::message).containsExactly(
                org.assertj.core.groups.Tuple.tuple("conditions[1].value",
                        "must be one of [BILLING, TECHNICAL, ACCOUNT, OTHER] for MESSAGE_TOPIC"),
                org.assertj.core.groups.Tuple.tuple("conditions[2].value", "must be a whole number"),
                org.assertj.core.groups.Tuple.tuple("conditions[3].value", "must be a whole number"),
                org.assertj.core.groups.Tuple.tuple("conditions[4].value", "must be true or false"),
                org.assertj.core.groups.Tuple.tuple("conditions[5].value", "must be between -1 and 1"),
                org.assertj.core.groups.Tuple.tuple("conditions[6].value", "must be a text"),
                org.assertj.core.groups.Tuple.tuple("conditions[7].value", "must be a text"));
    }

    @Test
    void actionsComeFromTheirEnumsAndARowMustDoSomething() {
        GuidedRuleSet table = table(
                new GuidedRule("Odd actions", List.of(), new RuleActions("EXECUTE", "ROOT", "HIGH", List.of("BILLING", "HACKING"), null)),
                new GuidedRule("Does nothing", List.of(), new RuleActions(null, null, null, List.of(), " ")),
                new GuidedRule("Does nothing", List.of(), new RuleActions("ESCALATE", null, null, null, null)));

        assertThat(problems(table)).extracting(RuleProblem::describe).containsExactly(
                "row 1, handling: unknown handling 'EXECUTE'; use one of [ESCALATE, SELF_SERVICE]",
                "row 1, queue: unknown queue 'ROOT'; use one of [GENERAL, BILLING, TECHNICAL, SENIOR]",
                "row 1, skill 2: unknown skill 'HACKING'; use one of [BILLING, TECHNICAL, ACCOUNTS, DE_ESCALATION, KEY_ACCOUNTS]",
                "row 2, actions: the rule does nothing; choose at least one action",
                "row 3, name: row 2 has the same name; each rule needs its own");
    }

    @Test
    void aNulCharacterInATextIsRefused() {
        assertThat(problems(table(row("Nul", condition("MESSAGE_TEXT", "CONTAINS", "x\u0000y"))))).extracting(RuleProblem::describe)
                .containsExactly("row 1, condition 1's value: must not contain NUL characters");
    }

    @Test
    void aNameIsOneLineOfText() {
        assertThat(problems(table(new GuidedRule("Two\nlines", List.of(), escalate())))).extracting(RuleProblem::describe)
                .containsExactly("row 1, name: must be one line without control characters");
        assertThat(problems(new GuidedRuleSet(List.of()))).extracting(RuleProblem::describe)
                .containsExactly("rules: the table has no rules; add at least one row");
    }

    @Test
    void aSentenceThatStatesAnotherCountThanItsValueIsRefusedOnItsName() {
        // Walk of 5 December: rule 9's value went from 3 to 4 and its sentence still said "three times".
        String sentence = "A customer who has written three times on a case goes to a person";
        assertThat(problems(table(row(sentence, condition("CASE_MESSAGE_COUNT", "AT_LEAST", 3))))).isEmpty();

        assertThat(problems(table(row("Fine", condition("MESSAGE_URGENT", "IS", true)),
                row(sentence, condition("CASE_MESSAGE_COUNT", "AT_LEAST", 4)))))
                .containsExactly(new RuleProblem(2, "name", "the sentence says “three times” but condition 1 is "
                        + "Case customer messages ≥ 4; change the sentence or the value so that they agree"));
        assertThat(problems(table(row("A customer who has written 3 times goes to a person",
                condition("CASE_MESSAGE_COUNT", "AT_LEAST", 4))))).extracting(RuleProblem::column).containsExactly("name");
    }

    @Test
    void aSentenceAgreesWithItsValueHoweverTheBoundOrTheUnitIsWritten() {
        assertThat(problems(table(
                row("A customer who has written more than two times goes to a person",
                        condition("CASE_MESSAGE_COUNT", "AT_LEAST", 3)),
                row("A customer who has written three times goes to someone", condition("CASE_MESSAGE_COUNT", "MORE_THAN", 2)),
                row("A case held for three days goes to a person", condition("CASE_AGE_HOURS", "AT_LEAST", 72)),
                row("A customer with five cases in 90 days is served first", condition("CUSTOMER_RECENT_CASES", "AT_LEAST", 5)),
                row("The third complaint goes to the senior queue", condition("CUSTOMER_SAME_TOPIC_COMPLAINTS", "AT_LEAST", 3)),
                row("A reopened case goes to a person", condition("CASE_REOPEN_COUNT", "MORE_THAN", 0)),
                row("Fewer than ten messages stay in self-service", condition("CASE_MESSAGE_COUNT", "AT_MOST", 9)),
                // No count is stated: nothing to disagree with; a count with no whole-number condition neither.
                row("A sharply negative message is escalated", condition("MESSAGE_SENTIMENT", "AT_MOST", -0.5)),
                row("A message that mentions 2 parcels is escalated", condition("MESSAGE_URGENT", "IS", true)))))
                .isEmpty();
        assertThat(problems(table(row("A case held for three days goes to a person",
                condition("CASE_AGE_HOURS", "AT_LEAST", 48))))).extracting(RuleProblem::message)
                .containsExactly("the sentence says “three days” but condition 1 is Case age in hours ≥ 48; "
                        + "change the sentence or the value so that they agree");
        assertThat(problems(table(row("A customer with five cases in 90 days is served first",
                condition("CUSTOMER_RECENT_CASES", "AT_LEAST", 6))))).extracting(RuleProblem::column).containsExactly("name");
    }

    @Test
    void theGeneratedDrlUsesOnlyTheServersSpellingOfFieldsConstantsAndNumbers() {
        String drl = RuleSets.drlOf(table(row("Sad VIP on chat", condition("CUSTOMER_TIER", "IS", "VIP"),
                condition("CASE_CHANNEL", "IS_NOT", "CHAT"), condition("MESSAGE_SENTIMENT", "LESS_THAN", -0.25000001),
                condition("CASE_AGE_HOURS", "MORE_THAN", 48.0), condition("MESSAGE_TEXT", "MENTIONS_ANY_OF", "refund, angry"))));

        assertThat(drl).contains("""
                rule "Sad VIP on chat"
                    salience 1
                when
                    CustomerFacts( tier == Tier.VIP )
                    CaseFacts( channel != Channel.CHAT, ageHours > 48 )
                    MessageFacts( sentiment < -0.25, mentionsAnyOf("refund, angry") )
                    $decision : DecisionDraft()
                then
                    $decision.escalate();
                end
                """);
    }

    @Test
    void rowsFireFromTopToBottomSoTheLowerRowsQueueWins() {
        RuleSet rules = ruleSets.validate(table(
                new GuidedRule("Billing first", List.of(condition("MESSAGE_TOPIC", "IS", "BILLING")),
                        new RuleActions(null, "BILLING", null, null, null)),
                new GuidedRule("Then the senior queue", List.of(condition("CUSTOMER_TIER", "IS", "VIP")),
                        new RuleActions("ESCALATE", "SENIOR", null, null, null)),
                new GuidedRule("Calm billing stays with the assistant", List.of(condition("MESSAGE_TOPIC", "IS", "BILLING"),
                        condition("MESSAGE_SENTIMENT", "AT_LEAST", 0)), new RuleActions("SELF_SERVICE", null, null, null, null))));

        RoutingDecision decision = rules.decide(standardCase().tier(io.omnicase.routing.facts.Tier.VIP)
                .writes("Where is my invoice?"));

        assertThat(decision.rulesFired()).containsExactly("Billing first", "Then the senior queue",
                "Calm billing stays with the assistant");
        assertThat(decision.queue()).isEqualTo(Queue.SENIOR);
        assertThat(decision.selfService()).isTrue();
    }

    @Test
    void theTextsThatOnceRanAsCodeStayStringLiteralsInConditionsReasonsAndNames() {
        for (String payload : PAYLOADS) {
            String oneLine = payload.replaceAll("[\\x00-\\x1F]", " ");
            GuidedRuleSet table = table(new GuidedRule(oneLine, List.of(condition("MESSAGE_TEXT", "CONTAINS", payload)),
                    new RuleActions("ESCALATE", null, null, null, oneLine)));
            RuleSet rules = ruleSets.validate(table);

            RoutingDecision matched = rules.decide(standardCase().writes("before " + payload + " after"));
            RoutingDecision unmatched = rules.decide(standardCase().writes("an ordinary question"));

            assertThat(matched.rulesFired()).containsExactly(oneLine);
            assertThat(matched.reasons()).containsExactly(oneLine);
            assertThat(matched.selfService()).isFalse();
            assertThat(unmatched.rulesFired()).isEmpty();
            assertThat(CANARY).as("payload ran: " + payload).isFalse();
        }
    }

    @Test
    void everyCharacterSurvivesTheTripThroughTheGeneratedLiteral() {
        StringBuilder all = new StringBuilder();
        for (char c = 1; c < 0x300; c++) {
            all.append(c);
        }
        all.append("\u2028\u2029\uFEFF\uD83D\uDE00\uFFFF end");
        String text = all.toString();
        String reason = text.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        RuleSet rules = ruleSets.validate(table(new GuidedRule("Every character",
                List.of(condition("MESSAGE_TEXT", "CONTAINS", text.substring(0, 500)),
                        condition("MESSAGE_TEXT", "CONTAINS", text.substring(500))),
                new RuleActions("ESCALATE", null, null, null, reason.substring(0, 500)))));

        assertThat(DrlGenerator.literal(text)).matches("\"[\\x20-\\x7E]*\"");
        RoutingDecision decision = rules.decide(standardCase().writes(text));
        assertThat(decision.rulesFired()).containsExactly("Every character");
        assertThat(decision.reasons()).containsExactly(reason.substring(0, 500).strip());
    }

    @Test
    void hostileInputIsCheckedInLinearTime() {
        String spaces = " ".repeat(100_000);
        String words = "a ".repeat(50_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> {
            assertThat(problems(table(new GuidedRule(spaces, List.of(condition("MESSAGE_TEXT", "MENTIONS_ANY_OF", spaces),
                    condition("MESSAGE_TEXT", "CONTAINS", spaces + "x")), escalate()))))
                    .extracting(RuleProblem::column).containsExactly("name", "conditions[1].value", "conditions[2].value");
            MessageFacts message = new MessageFacts(spaces + words + "import" + spaces + "(((((" + spaces, 0);
            assertThat(message.mentionsAnyOf(words + spaces)).isTrue();
            assertThat(message.containsText(spaces + "x")).isFalse();
            assertThat(message.getTopic()).isEqualTo(Topic.OTHER);
        });
    }

    @Test
    void theLinearTextSearchFindsWhatStringContainsFinds() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 2_000; i++) {
            String text = random.ints(random.nextInt(30), 'a', 'd').collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
            String part = random.ints(1 + random.nextInt(4), 'a', 'd').collect(StringBuilder::new,
                    StringBuilder::appendCodePoint, StringBuilder::append).toString();
            assertThat(io.omnicase.routing.internal.Words.contains(text, part)).as(text + " / " + part)
                    .isEqualTo(text.contains(part));
        }
    }

    @Test
    void deeplyNestedJsonIsRefusedQuickly() {
        String nested = "{\"rules\":[{\"name\":\"x\",\"conditions\":[{\"field\":\"MESSAGE_TEXT\",\"operator\":\"CONTAINS\",\"value\":"
                + "[".repeat(100_000) + "]".repeat(100_000) + "}]}]}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () ->
                assertThatThrownBy(() -> new ObjectMapper().readValue(nested, GuidedRuleSet.class))
                        .hasMessageContaining("nesting depth"));
        String shallowButWide = "{\"rules\":[{\"name\":\"x\",\"conditions\":[{\"field\":\"MESSAGE_TEXT\",\"operator\":\"CONTAINS\","
                + "\"value\":" + "[".repeat(500) + "]".repeat(500) + "}],\"actions\":{\"handling\":\"ESCALATE\"}}]}";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(
                problems(new ObjectMapper().readValue(shallowButWide, GuidedRuleSet.class)))
                .extracting(RuleProblem::describe).containsExactly("row 1, condition 1's value: must be a text"));
    }

    @Test
    void aRowDiffNamesAddedRemovedChangedAndMovedRows() {
        GuidedRule a = row("A", condition("MESSAGE_URGENT", "IS", true));
        GuidedRule b = row("B", condition("CASE_REOPEN_COUNT", "MORE_THAN", 0));
        GuidedRule c = row("C", condition("CASE_MESSAGE_COUNT", "AT_LEAST", 3));
        GuidedRule bChanged = row("B", condition("CASE_REOPEN_COUNT", "MORE_THAN", 1));
        GuidedRule d = row("D", condition("MESSAGE_TOPIC", "IS", "BILLING"));

        List<RuleSetDiff.RowChange> diff = RuleSets.rowDiff(table(a, b, c), table(c, bChanged, d));

        assertThat(diff).extracting(RuleSetDiff.RowChange::name, RuleSetDiff.RowChange::change).containsExactly(
                org.assertj.core.groups.Tuple.tuple("C", RuleSetDiff.Change.MOVED),
                org.assertj.core.groups.Tuple.tuple("B", RuleSetDiff.Change.CHANGED),
                org.assertj.core.groups.Tuple.tuple("D", RuleSetDiff.Change.ADDED),
                org.assertj.core.groups.Tuple.tuple("A", RuleSetDiff.Change.REMOVED));
    }

    @Test
    void aLineDiffMarksEachDrlLineAddedRemovedOrKeptInTheOrderOfTheText() {
        String before = "package rules;\nrule \"A\"\n  when urgent\nend\nrule \"B\"\nend";
        String after = "package rules;\nrule \"A\"\n  when urgent and angry\nend\nrule \"C\"\nend";

        assertThat(RuleSets.lineDiff(before, after)).containsExactly(
                "  package rules;", "  rule \"A\"", "-   when urgent", "+   when urgent and angry", "  end",
                "- rule \"B\"", "+ rule \"C\"", "  end");
        assertThat(RuleSets.lineDiff(before, before)).allMatch(line -> line.startsWith("  ")).hasSize(6);
        assertThat(RuleSets.lineDiff("", "rule \"A\"\nend")).containsExactly("- ", "+ rule \"A\"", "+ end");
    }

    private List<RuleProblem> problems(GuidedRuleSet table) {
        List<RuleProblem> found = new ArrayList<>();
        try {
            RuleSets.drlOf(table);
        } catch (RuleSetException e) {
            found.addAll(e.located());
        }
        return found;
    }

    static GuidedRuleSet table(GuidedRule... rows) {
        return new GuidedRuleSet(List.of(rows));
    }

    static GuidedRule row(String name, RuleCondition... conditions) {
        return new GuidedRule(name, List.of(conditions), escalate());
    }

    static RuleActions escalate() {
        return new RuleActions("ESCALATE", null, null, null, null);
    }

    static RuleCondition condition(String field, String operator, Object value) {
        return new RuleCondition(field, operator, value);
    }
}
