package io.omnicase.routing;

import java.util.List;

/**
 * The routing rules as a supervisor edits them: an ordered table of rows, each a {@link GuidedRule}. Rows fire from
 * top to bottom, so where two rows pick a queue, the lower row's queue wins. The server turns the table into DRL.
 */
public record GuidedRuleSet(List<GuidedRule> rules) {

    /**
     * The queue a message of this topic goes to by this table alone: the lowest row whose only condition is the
     * message's topic and that picks a queue (rows fire top to bottom, the lower wins); {@link Queue#GENERAL}, where
     * a case sits when no row picks one, when none does. Other rows (a VIP, an urgent word) move single cases, not a
     * topic.
     */
    public Queue queueOf(Topic topic) {
        Queue queue = Queue.GENERAL;
        for (GuidedRule rule : rules == null ? List.<GuidedRule>of() : rules) {
            if (rule.conditions() != null && rule.conditions().size() == 1 && rule.actions() != null
                    && rule.actions().queue() != null) {
                RuleCondition only = rule.conditions().get(0);
                if (FactField.MESSAGE_TOPIC.name().equals(only.field()) && RuleOperator.IS.name().equals(only.operator())
                        && topic.name().equals(String.valueOf(only.value()))) {
                    queue = Queue.valueOf(rule.actions().queue());
                }
            }
        }
        return queue;
    }
}
