package io.omnicase.insight.internal.quality;

import io.omnicase.insight.InvalidQualityRulesException;
import io.omnicase.insight.InvalidQualityRulesException.FieldProblem;
import io.omnicase.insight.QualityRules;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNoException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class QualityRulesCheckTest {

    @Test
    void theShippedKindOfRulesPass() {
        assertThatNoException().isThrownBy(() -> QualityRulesCheck.check(QualityScorerTest.RULES));
    }

    @Test
    void eachWrongFieldIsNamed() {
        QualityRules wrong = new QualityRules(new QualityRules.Weights(25, 101, -1, null, 10),
                List.of(), Arrays.asList("I understand", null, "  ", "I UNDERSTAND"),
                List.of("${jndi:ldap://x}", "<script>alert(1)</script>", "x".repeat(61)), 0.5, 11, 3.0);

        List<FieldProblem> problems = catchThrowableOfType(InvalidQualityRulesException.class,
                () -> QualityRulesCheck.check(wrong)).problems();

        assertThat(problems).extracting(FieldProblem::field).containsExactly(
                "rules.weights.ownership", "rules.weights.empathy", "rules.weights.confirmation",
                "rules.ownershipPhrases", "rules.empathyPhrases[1]", "rules.empathyPhrases[2]", "rules.empathyPhrases[3]",
                "rules.confirmationPhrases[0]", "rules.confirmationPhrases[1]", "rules.confirmationPhrases[2]",
                "rules.lateFactor", "rules.phrasesForFullMarks", "rules.sentimentSwingForFullMarks");
        assertThat(problems.get(0).message()).isEqualTo("must be between 0 and 100");
        assertThat(problems.get(3).message()).isEqualTo("needs at least one phrase");
        assertThat(problems.get(6).message()).isEqualTo("is in the list twice");
        assertThat(problems.get(7).message()).isEqualTo("may hold only letters, digits, spaces and ' - , . ! ?");
        assertThat(problems.get(10).message()).isEqualTo("must be between 1 and 10");
        assertThat(problems.get(12).message()).isEqualTo("must be between 0.1 and 2");
    }

    @Test
    void weightsThatAreAllZeroAreRefused() {
        QualityRules zero = QualityScorerTest.rules(0, 0, 0, 0, 0);
        assertThat(catchThrowableOfType(InvalidQualityRulesException.class, () -> QualityRulesCheck.check(zero)).problems())
                .containsExactly(new FieldProblem("rules.weights", "at least one weight must be above 0"));
    }
}
