package io.omnicase.routing;

import java.util.List;

/**
 * The routing rules as a supervisor edits them: an ordered table of rows, each a {@link GuidedRule}. Rows fire from
 * top to bottom, so where two rows pick a queue, the lower row's queue wins. The server turns the table into DRL.
 */
public record GuidedRuleSet(List<GuidedRule> rules) {
}
