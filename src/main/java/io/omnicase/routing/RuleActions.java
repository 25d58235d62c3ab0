package io.omnicase.routing;

import java.util.List;

/**
 * What a rule row does to the decision; every part is optional but a row must do something.
 *
 * @param handling {@code ESCALATE} or {@code SELF_SERVICE} (a {@link Handling}), or null to leave it
 * @param queue    a {@link Queue} name; a lower row that also picks a queue wins
 * @param priority a {@link Priority} name; the decision keeps the highest priority any row asked for
 * @param skills   {@link Skill} names the person taking the case needs
 * @param reason   a short text for the person who takes the case, recorded with the decision
 */
public record RuleActions(String handling, String queue, String priority, List<String> skills, String reason) {
}
