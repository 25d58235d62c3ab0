package io.omnicase.insight.internal.quality;

import io.omnicase.insight.QualityComponent;
import io.omnicase.insight.QualityRules;
import io.omnicase.insight.QualityScore.Part;
import io.omnicase.insight.internal.quality.Conversation.Speaker;
import io.omnicase.insight.internal.quality.Conversation.Turn;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Scores a resolved conversation by the quality rules: each component 0..1 (or not applicable), the total the
 * weighted mean of the applicable ones, out of 100. Pure: the same conversation and rules give the same score.
 */
final class QualityScorer {

    /** A customer message at or below this sentiment confirms nothing, whatever it says ("thanks for nothing"). */
    private static final double NEGATIVE = -0.05;

    private QualityScorer() {
    }

    /** The parts in {@link QualityComponent} order and the total. */
    record Result(List<Part> parts, double total) {
    }

    static Result score(Conversation conversation, QualityRules rules) {
        QualityRules.Weights w = rules.weights();
        List<Measured> measured = List.of(
                firstResponse(conversation, rules).weighted(QualityComponent.FIRST_RESPONSE, w.firstResponse()),
                phrases(conversation, rules.ownershipPhrases(), rules.phrasesForFullMarks())
                        .weighted(QualityComponent.OWNERSHIP, w.ownership()),
                phrases(conversation, rules.empathyPhrases(), rules.phrasesForFullMarks())
                        .weighted(QualityComponent.EMPATHY, w.empathy()),
                confirmation(conversation, rules).weighted(QualityComponent.CONFIRMATION, w.confirmation()),
                sentiment(conversation, rules).weighted(QualityComponent.SENTIMENT, w.sentiment()));
        int applicableWeight = measured.stream().filter(m -> m.score != null).mapToInt(m -> m.weight).sum();
        List<Part> parts = new ArrayList<>();
        double total = 0;
        for (Measured m : measured) {
            double points = m.score == null || applicableWeight == 0 ? 0 : 100.0 * m.weight * m.score / applicableWeight;
            total += points;
            parts.add(new Part(m.component, m.component.label(), m.score == null ? null : round(m.score, 3), m.weight,
                    round(points, 1), m.found, m.detail));
        }
        return new Result(parts, round(total, 1));
    }

    /**
     * Whose conversation it was: the person who wrote most replies (the later one on a tie); when no person replied,
     * the person who resolved it; null when that was the assistant or the system.
     */
    static String agentOf(Conversation conversation, String resolvedBy, String assistant) {
        Map<String, Integer> replies = new HashMap<>();
        Map<String, Integer> lastAt = new HashMap<>();
        List<Turn> turns = conversation.turns();
        for (int i = 0; i < turns.size(); i++) {
            Turn turn = turns.get(i);
            if (turn.speaker() == Speaker.PERSON && turn.author() != null) {
                replies.merge(turn.author(), 1, Integer::sum);
                lastAt.put(turn.author(), i);
            }
        }
        Optional<String> most = replies.keySet().stream().max((a, b) -> replies.get(a).equals(replies.get(b))
                ? Integer.compare(lastAt.get(a), lastAt.get(b)) : Integer.compare(replies.get(a), replies.get(b)));
        if (most.isPresent()) {
            return most.get();
        }
        return resolvedBy == null || resolvedBy.isBlank() || resolvedBy.startsWith(assistant) ? null : resolvedBy;
    }

    private static Measured firstResponse(Conversation conversation, QualityRules rules) {
        Optional<Turn> firstCustomer = conversation.turns().stream().filter(t -> t.speaker() == Speaker.CUSTOMER).findFirst();
        if (firstCustomer.isEmpty()) {
            return Measured.notApplicable("The customer wrote nothing");
        }
        Optional<Turn> firstReply = conversation.turns().stream()
                .filter(t -> t.speaker() == Speaker.PERSON && !t.at().isBefore(firstCustomer.get().at())).findFirst();
        if (firstReply.isEmpty()) {
            return Measured.notApplicable("No person replied");
        }
        Instant start = conversation.escalatedAt() != null ? conversation.escalatedAt() : firstCustomer.get().at();
        Duration taken = Duration.between(start, firstReply.get().at());
        if (taken.isNegative()) {
            taken = Duration.ZERO;
        }
        Duration sla = conversation.sla();
        double late = rules.lateFactor();
        double score;
        if (taken.compareTo(sla) <= 0) {
            score = 1;
        } else if (late <= 1) {
            score = 0;
        } else {
            double over = (double) (taken.toMillis() - sla.toMillis()) / ((late - 1) * sla.toMillis());
            score = clamp(1 - over);
        }
        String verdict = taken.compareTo(sla) <= 0 ? "within" : "over";
        return Measured.of(score, List.of(), "First reply after " + words(taken) + ", " + verdict + " the SLA of "
                + words(sla));
    }

    private static Measured phrases(Conversation conversation, List<String> phrases, int forFullMarks) {
        List<String> replies = conversation.turns().stream().filter(t -> t.speaker() == Speaker.PERSON)
                .map(Turn::text).toList();
        if (replies.isEmpty()) {
            return Measured.notApplicable("No person replied");
        }
        List<String> found = Phrases.found(phrases, replies);
        double score = Math.min(1.0, (double) found.size() / forFullMarks);
        String detail = found.isEmpty() ? "None of the phrases in " + replies.size() + " repl" + (replies.size() == 1 ? "y" : "ies")
                : found.size() + " of the " + forFullMarks + " phrase" + (forFullMarks == 1 ? "" : "s") + " for full marks";
        return Measured.of(score, found, detail);
    }

    private static Measured confirmation(Conversation conversation, QualityRules rules) {
        List<Turn> turns = conversation.turns();
        int firstReply = -1;
        for (int i = 0; i < turns.size(); i++) {
            if (turns.get(i).speaker() != Speaker.CUSTOMER) {
                firstReply = i;
                break;
            }
        }
        Turn last = null;
        for (int i = turns.size() - 1; i > firstReply && firstReply >= 0; i--) {
            if (turns.get(i).speaker() == Speaker.CUSTOMER) {
                last = turns.get(i);
                break;
            }
        }
        if (last == null) {
            return Measured.of(0, List.of(), "The customer did not write after a reply");
        }
        List<String> found = Phrases.found(rules.confirmationPhrases(), List.of(last.text()));
        if (found.isEmpty()) {
            return Measured.of(0, List.of(), "The customer's last message confirms nothing");
        }
        if (last.sentiment() != null && last.sentiment() <= NEGATIVE) {
            return Measured.of(0, found, "The customer's last message reads negative, so it confirms nothing");
        }
        return Measured.of(1, found, "The customer confirmed in their last message");
    }

    private static Measured sentiment(Conversation conversation, QualityRules rules) {
        List<Double> moods = conversation.turns().stream().filter(t -> t.speaker() == Speaker.CUSTOMER)
                .map(Turn::sentiment).filter(s -> s != null).toList();
        if (moods.size() < 2) {
            return Measured.notApplicable("The customer wrote once");
        }
        double start = moods.get(0);
        double end = moods.get(moods.size() - 1);
        double score = clamp(0.5 + 0.5 * (end - start) / rules.sentimentSwingForFullMarks());
        return Measured.of(score, List.of(), String.format(Locale.ROOT, "From %+.2f to %+.2f", start, end));
    }

    static String words(Duration d) {
        long seconds = d.toSeconds();
        if (seconds < 60) {
            return seconds + " s";
        }
        long minutes = seconds / 60;
        if (minutes < 60) {
            return minutes + " min";
        }
        long hours = minutes / 60;
        long rest = minutes % 60;
        return hours + " h" + (rest == 0 ? "" : " " + rest + " min");
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    /** A component as measured, before weighting. */
    private record Measured(Double score, List<String> found, String detail, QualityComponent component, int weight) {

        static Measured of(double score, List<String> found, String detail) {
            return new Measured(score, found, detail, null, 0);
        }

        static Measured notApplicable(String detail) {
            return new Measured(null, List.of(), detail, null, 0);
        }

        Measured weighted(QualityComponent component, int weight) {
            return new Measured(score, found, detail, component, weight);
        }
    }
}
