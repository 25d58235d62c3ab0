package io.omnicase.assistant;

import java.util.List;

/**
 * What the assistant says to a question.
 *
 * @param answered   true if it answers; false if it declines and offers a person
 * @param answer     the answer, or the offer of a person when declined
 * @param topic      the topic of the best-supported sources; null when nothing matched
 * @param confidence 0..1, how well the sources support the answer
 * @param sources    the articles and examples the answer is grounded in (or the nearest ones, when declined)
 * @param reason     why it declined; null when answered
 * @param handOver   true when a person should take over at once (the customer asked for one, the answer engine
 *                   failed); a merely unsure assistant may first ask the customer to rephrase
 * @param caveat     what a colleague should know before trusting it, or null: e.g. that the answer comes from an
 *                   example an agent taught and no supervisor reviewed, and its confidence was held below "high"
 */
public record AssistantAnswer(boolean answered, String answer, String topic, double confidence,
                              List<AnswerSource> sources, String reason, boolean handOver, String caveat) {

    public AssistantAnswer(boolean answered, String answer, String topic, double confidence, List<AnswerSource> sources,
                           String reason, boolean handOver) {
        this(answered, answer, topic, confidence, sources, reason, handOver, null);
    }

    /** The text offered whenever the assistant hands over to a person. */
    public static final String OFFER_PERSON =
            "I am not sure I can answer this correctly. I am passing your question to a person from our team, "
                    + "who will reply here; you do not need to repeat anything.";
}
