package io.omnicase.insight;

import io.omnicase.cases.CaseId;
import io.omnicase.search.QualityAverages;
import io.omnicase.search.QualityOverview;
import io.omnicase.search.QualityQuery;

import java.util.List;

/**
 * Quality scores of resolved conversations and the rules that compute them. Scores are computed when a case is
 * resolved, with the rules in force then; changing the rules scores later resolutions, earlier scores keep theirs.
 * Callers check case access themselves ({@code cases.CaseAccess}).
 */
public interface QualityScores {

    /** The rules in force: the newest version. */
    QualityRulesVersion rules();

    /** Every version of the rules, newest first. */
    List<QualityRulesVersion> ruleVersions();

    /**
     * Checks the rules and saves them as the next version, in force for every resolution from now on.
     *
     * @throws InvalidQualityRulesException naming each field that is wrong; nothing is saved
     */
    QualityRulesVersion changeRules(QualityRules rules, String author, String reason);

    /** The scores of a case, newest resolution first; empty while it has none. */
    List<QualityScore> ofCase(CaseId caseId);

    /**
     * The team's average score and each agent's per topic in a period (from the search index): what the coaching
     * figures' {@code qualityScore} shows.
     */
    QualityAverages averages(QualityQuery query);

    /** Distribution, component averages and the lowest-scoring conversations of a period, from the search index. */
    QualityOverview overview(QualityQuery query);
}
