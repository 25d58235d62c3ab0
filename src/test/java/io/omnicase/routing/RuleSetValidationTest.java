package io.omnicase.routing;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What a supervisor's rule text must pass before it may become active; each rejection is readable and has a line. */
class RuleSetValidationTest {

    private static final String HEADER = """
            package io.omnicase.rules.routing
            import io.omnicase.routing.DecisionDraft
            import io.omnicase.routing.MessageFacts
            import io.omnicase.routing.Queue
            """;

    private final RuleSets ruleSets = new RuleSets(null, null, null);

    private static String rule(String when, String then) {
        return HEADER + """
                rule "Under test"
                when
                    %s
                    $d : DecisionDraft()
                then
                    %s
                end
                """.formatted(when, then);
    }

    private String rejection(String drl) {
        return assertThatThrownBy(() -> ruleSets.validate(drl)).isInstanceOf(RuleSetException.class)
                .actual().getMessage();
    }

    @Test
    void theShippedRulesPass() throws IOException {
        assertThat(ruleSets.validate(Files.readString(Path.of("rules/routing.drl")))).isNotNull();
    }

    @Test
    void aSyntaxErrorIsReportedWithItsLine() {
        assertThat(rejection(HEADER + "rule \"broken\"\nwhen\n    $d : DecisionDraft(\nthen\n    $d.escalate();\nend\n"))
                .containsPattern("line [5-9]");
    }

    @Test
    void callingSystemOrRuntimeIsRefused() {
        assertThat(rejection(rule("MessageFacts()", "System.exit(1);")))
                .contains("line 10: 'System' is not allowed in routing rules: it reaches the JVM or the operating system");
        assertThat(rejection(rule("MessageFacts()", "Runtime.getRuntime().halt(0);"))).contains("'Runtime' is not allowed");
    }

    @Test
    void reflectionThreadsAndFileOrNetworkIoAreRefused() {
        assertThat(rejection(rule("MessageFacts()", "$d.getClass().getMethods();"))).contains("uses reflection");
        assertThat(rejection(rule("MessageFacts()", "Thread.currentThread().interrupt();"))).contains("uses threads");
        assertThat(rejection(rule("MessageFacts()", "java.nio.file.Files.delete(null);")))
                .contains("names a class outside the fact model").contains("does file or network I/O");
        assertThat(rejection(rule("MessageFacts()", "new java.net.Socket(\"evil\", 80);")))
                .contains("creates objects").contains("does file or network I/O");
    }

    @Test
    void typesOutsideTheFactModelAreRefusedEvenWhenNoListNamesThem() {
        assertThat(rejection(rule("MessageFacts()", "ProcessHandle.allProcesses().forEach(p -> p.destroy());")))
                .contains("line 10: 'ProcessHandle' is outside the fact model");
        assertThat(ruleSets.validate(rule("MessageFacts( Math.abs(sentiment) > 0.5, Queue.SENIOR.name() != \"\" )",
                "$d.routeTo(Queue.SENIOR);"))).isNotNull();
    }

    @Test
    void importsOutsideTheFactModelAreRefused() {
        assertThat(rejection(rule("MessageFacts()", "$d.escalate();").replace(
                "import io.omnicase.routing.Queue", "import java.io.File")))
                .contains("line 4: import java.io.File is outside the fact model");
    }

    @Test
    void forbiddenWordsInCommentsAndRuleNamesDoNotCount() {
        String drl = rule("MessageFacts( text matches \".*System.*\" )", "$d.escalate(); // not System.exit")
                .replace("Under test", "Escalate when the System is named");
        assertThat(ruleSets.validate(drl)).isNotNull();
    }

    @Test
    void aRuleThatKeepsReFiringIsRejectedBeforeItCanRun() {
        assertThat(rejection(rule("MessageFacts()", "$d.escalate(); update($d);")))
                .contains("on a sample case").contains("a rule keeps re-firing");
    }

    @Test
    void aRuleSetThatLeavesTheDecisionWithoutAQueueIsRejected() {
        assertThat(rejection(rule("MessageFacts()", "$d.routeTo(null);"))).contains("without a queue");
    }

    @Test
    void aRuleSetThatNeverDecidesIsRejected() {
        assertThat(rejection(HEADER + "rule \"Only looks\"\nwhen\n    MessageFacts()\nthen\nend\n"))
                .contains("no rule matches the DecisionDraft");
    }

    @Test
    void theWrongPackageIsRejected() {
        assertThat(rejection(rule("MessageFacts()", "$d.escalate();").replace("io.omnicase.rules.routing", "evil")))
                .contains("line 1: the package must be io.omnicase.rules.routing");
    }
}
