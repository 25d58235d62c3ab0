package io.omnicase.insight;

import java.time.Instant;
import java.util.List;

/**
 * The quality score of one resolution of a case, with its breakdown.
 *
 * @param agent        the person whose conversation it was (who wrote most replies; else who resolved it); null when
 *                     no person replied nor resolved
 * @param rulesVersion the version of the quality rules it was computed with (a later change of the rules does not
 *                     rescore it)
 * @param total        0..100: the components' scores weighted by the rules, over the components that apply
 */
public record QualityScore(long caseId, Instant resolvedAt, String agent, String topic, String queue, String channel,
                           int rulesVersion, double total, List<Part> components, Instant scoredAt) {

    public QualityScore {
        components = List.copyOf(components);
    }

    /**
     * One component of the score.
     *
     * @param score  0..1, null when it does not apply (no person replied; the customer wrote once)
     * @param weight the weight the rules gave it
     * @param points what it adds to the total (0 when it does not apply)
     * @param found  the phrases found (ownership, empathy, confirmation); empty for the others
     * @param detail what was measured, in words ("First reply after 12 min; SLA 4 h")
     */
    public record Part(QualityComponent component, String label, Double score, int weight, double points,
                       List<String> found, String detail) {

        public Part {
            found = found == null ? List.of() : List.copyOf(found);
        }
    }

    public Part part(QualityComponent component) {
        return components.stream().filter(p -> p.component() == component).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no component " + component));
    }
}
