package io.omnicase.assistant;

import io.omnicase.assistant.internal.ArticleStore;
import io.omnicase.assistant.internal.ExampleStore;
import io.omnicase.assistant.internal.KnowledgeEntries;
import io.omnicase.assistant.internal.Provenance;
import io.omnicase.assistant.internal.TopicModel;
import io.omnicase.assistant.internal.TopicVote;
import io.omnicase.cases.CaseScope;
import io.omnicase.embeddings.KnowledgeEmbeddings;
import io.omnicase.search.KnowledgeIndex;
import io.omnicase.search.KnowledgeMatch;
import io.omnicase.search.KnowledgeScope;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

import java.util.List;
import java.util.Optional;

/**
 * Answers a customer's question from the knowledge articles and resolved examples, or declines and offers a person:
 * when the customer asks for one, when nothing matches, when the confidence is below the threshold, or when the
 * answer engine fails. Learns from resolved examples.
 * <p>
 * Retrieval is hybrid (BM25 and nearest neighbours by meaning, fused by reciprocal rank) and limited to the knowledge
 * the asker may see ({@link KnowledgeScope}). The sources are grouped by topic and scored by how close their meaning
 * is to the question; the confidence is the calibrated probability that the best topic is the right one (see
 * {@link TopicVote}), so 0.75 means about three in four such answers are right.
 */
@Service
public class Assistant {

    /** Longest question the assistant reads; longer ones are refused by the API rather than cut silently. */
    public static final int MAX_QUESTION = 2_000;
    /**
     * The highest confidence an example an agent taught and no supervisor reviewed can give an answer: "medium" in the
     * desk's words (high from 0.75). Such an example answered a colleague "high" at 0.97 (probe 46, L2).
     */
    public static final double UNREVIEWED_CEILING = 0.70;

    private static final Logger log = LoggerFactory.getLogger(Assistant.class);
    private static final int RETRIEVE = TopicVote.RETRIEVE;
    /** How much wider the search is made again when copies of one phrasing filled places among the nearest. */
    private static final int WIDER = 4;

    private final KnowledgeIndex index;
    private final ExampleStore examples;
    private final ArticleStore articles;
    private final AnswerEngine engine;
    private final TopicModel topics;
    private final KnowledgeEmbeddings embeddings;
    private final Provenance provenance;
    private final double minConfidence;

    Assistant(KnowledgeIndex index, ExampleStore examples, ArticleStore articles, AnswerEngine engine, TopicModel topics,
              KnowledgeEmbeddings embeddings, Provenance provenance,
              @Value("${omnicase.assistant.min-confidence:0.41}") double minConfidence) {
        this.index = index;
        this.provenance = provenance;
        this.topics = topics;
        this.embeddings = embeddings;
        this.examples = examples;
        this.articles = articles;
        this.engine = engine;
        this.minConfidence = minConfidence;
    }

    /**
     * The sources nearest the question, each phrasing counted once ({@link TopicVote#distinct}). When copies of one
     * phrasing took places among them, the search is made again {@link #WIDER} times as wide, so that as many distinct
     * sources as a knowledge without copies would give are weighed (the confidence was fitted with that many).
     */
    private List<KnowledgeMatch> retrieveDistinct(String question, KnowledgeScope scope) {
        List<KnowledgeMatch> retrieved = index.retrieve(question, scope, RETRIEVE);
        List<KnowledgeMatch> distinct = TopicVote.distinct(retrieved);
        if (distinct.size() == retrieved.size()) {
            return retrieved;
        }
        List<KnowledgeMatch> wider = TopicVote.distinct(index.retrieve(question, scope, RETRIEVE * WIDER));
        return wider.subList(0, Math.min(wider.size(), retrieved.size()));
    }

    /** Asks from the knowledge everyone may see: articles and examples that come from no case. */
    public AssistantAnswer ask(String question) {
        return ask(question, KnowledgeScope.shared(), minConfidence);
    }

    /** Asks from the knowledge within the asker's scope. */
    public AssistantAnswer ask(String question, KnowledgeScope scope) {
        return ask(question, scope, minConfidence);
    }

    /**
     * A suggestion for an agent, whatever its confidence (the desk says how sure it is in words): drawn from shared
     * knowledge and from examples of the cases this agent may read, never from other cases.
     */
    public AssistantAnswer suggestFor(String question, CaseScope readable) {
        return ask(question, readable.all() ? KnowledgeScope.everything() : KnowledgeScope.cases(readable.caseIds()), 0.0);
    }

    /**
     * A suggestion for an agent working {@code forCase}: as {@link #suggestFor(String, CaseScope)}, without what was
     * learned from that case itself. A reopened case's customer writes because its answer did not help; offering that
     * answer again, as "high confidence" and "from a case you resolved", sends them the same thing twice.
     */
    public AssistantAnswer suggestFor(String question, CaseScope readable, long forCase) {
        KnowledgeScope scope = readable.all() ? KnowledgeScope.everything() : KnowledgeScope.cases(readable.caseIds());
        return ask(question, scope.without(forCase), 0.0);
    }

    /** Asks all knowledge with another threshold; for the evaluation command, which sweeps it. */
    public AssistantAnswer ask(String question, double threshold) {
        return ask(question, KnowledgeScope.everything(), threshold);
    }

    private AssistantAnswer ask(String question, KnowledgeScope scope, double threshold) {
        if (question == null || question.isBlank()) {
            return handOver(null, 0, List.of(), "the question is empty");
        }
        if (CustomerReply.of(question) == CustomerReply.WANTS_PERSON) {
            return handOver(null, 0, List.of(), "the customer asked for a person");
        }
        List<KnowledgeMatch> matches = retrieveDistinct(question, scope);
        // The question was embedded for retrieval just now: this is the cached vector.
        float[] meaning = embeddings.embed(question);
        TopicModel.Snapshot model = topics.current(scope.reviewedOnly());
        TopicVote.Verdict verdict = TopicVote.decide(matches, meaning, model);
        List<Grounding> groundings = provenance.attributed(
                verdict.support().stream().limit(3).map(KnowledgeEntries::grounding).toList());
        List<AnswerSource> sources = groundings.stream().map(Grounding::source).toList();
        if (verdict.topic() == null) {
            return decline(null, 0, sources, "nothing in the knowledge base matches the question");
        }
        double measured = Math.round(verdict.confidence() * 1000) / 1000.0;
        double confidence = Math.min(measured, Math.round(ceiling(verdict, matches, meaning, model) * 1000) / 1000.0);
        String caveat = caveat(sources, measured, confidence);
        if (confidence < threshold) {
            return new AssistantAnswer(false, AssistantAnswer.OFFER_PERSON, verdict.topic(), confidence, sources,
                    "it was not sure enough to answer (" + percent(confidence) + " sure; it answers from "
                            + percent(threshold) + ")", false, caveat);
        }
        Optional<String> answer;
        try {
            answer = engine.answer(question, verdict.topic(), groundings);
        } catch (RuntimeException e) {
            log.warn("The answer engine failed; handing over to a person", e);
            answer = Optional.empty();
        }
        return answer.map(a -> new AssistantAnswer(true, a, verdict.topic(), confidence, sources, null, false, caveat))
                .orElseGet(() -> handOver(verdict.topic(), confidence, sources, "the answer engine gave no usable answer"));
    }

    /**
     * The highest confidence the answer may show. An example an agent taught and no supervisor reviewed may lift it
     * to {@link #UNREVIEWED_CEILING} at most: when the answer's own source is such an example, that is the ceiling;
     * when such examples are only among the other sources (they weigh on the topic's nearest three, the margins and
     * the crowding), the ceiling is what the reviewed knowledge alone gives the same topic, or
     * {@link #UNREVIEWED_CEILING} if that is lower. Without such examples among the matches, there is no ceiling.
     */
    private static double ceiling(TopicVote.Verdict verdict, List<KnowledgeMatch> matches, float[] meaning,
                                  TopicModel.Snapshot model) {
        if (matches.stream().noneMatch(Assistant::unreviewed)) {
            return 1.0;
        }
        if (!verdict.support().isEmpty() && unreviewed(verdict.support().get(0))) {
            return UNREVIEWED_CEILING;
        }
        TopicVote.Verdict reviewedOnly = TopicVote.decide(
                matches.stream().filter(match -> !unreviewed(match)).toList(), meaning, model);
        double supported = verdict.topic().equals(reviewedOnly.topic()) ? reviewedOnly.confidence() : 0;
        return Math.max(supported, UNREVIEWED_CEILING);
    }

    private static boolean unreviewed(KnowledgeMatch match) {
        return KnowledgeScope.UNREVIEWED.equals(match.entry().origin());
    }

    /** What a colleague should know before trusting the answer: who taught it unreviewed, and whether it was held. */
    private static String caveat(List<AnswerSource> sources, double measured, double confidence) {
        AnswerSource first = sources.isEmpty() ? null : sources.get(0);
        boolean held = confidence < measured;
        if (first != null && first.unreviewed()) {
            return "This answer comes from an example " + (first.author() == null ? "an unknown author" : first.author())
                    + " taught and no supervisor has reviewed." + (held ? " Its confidence is held at " + confidence
                    + " (it measured " + measured + "): an example nobody reviewed never makes an answer read high." : "");
        }
        if (held) {
            return "Examples agents taught and no supervisor reviewed are among the sources: the confidence is what the "
                    + "reviewed knowledge alone gives (" + confidence + "; " + measured + " with them).";
        }
        return null;
    }

    /**
     * Learns a resolved example; the same source key (e.g. a resolved case) is learned once.
     *
     * @return the example's id
     */
    public long learn(Example example, String origin, String sourceKey, String by) {
        return learn(example, origin, sourceKey, by, null, null);
    }

    /**
     * Learns an example taken from a case: it answers only askers who may see that case (its readers, and
     * conversations in its queue).
     */
    public long learn(Example example, String origin, String sourceKey, String by, Long caseId, String queue) {
        long id = examples.add(example, origin, sourceKey, by, caseId, queue);
        index.put(KnowledgeEntries.example(id, example, origin, caseId, queue));
        return id;
    }

    /** Learns many examples of one origin in bulk, visible to the next question. */
    public void learnAll(List<Example> batch, String origin) {
        for (Example example : batch) {
            examples.add(example, origin, null, "system");
        }
        index.putAll(examples.ofOrigin(origin).stream().map(KnowledgeEntries::example).toList());
        index.refresh();
    }

    /** Forgets every example of an origin (e.g. an evaluation run's). */
    public void forget(String origin) {
        examples.removeOrigin(origin);
        index.removeOrigin(origin);
    }

    /** Writes all articles and examples into the knowledge index again (it is derived, and may have been lost). */
    public void reindex() {
        index.putAll(articles.all().stream().map(KnowledgeEntries::article).toList());
        index.putAll(examples.all().stream().map(KnowledgeEntries::example).toList());
        index.refresh();
    }

    public double minConfidence() {
        return minConfidence;
    }

    private static AssistantAnswer decline(String topic, double confidence, List<AnswerSource> sources, String reason) {
        return new AssistantAnswer(false, AssistantAnswer.OFFER_PERSON, topic, confidence, sources, reason, false);
    }

    private static AssistantAnswer handOver(String topic, double confidence, List<AnswerSource> sources, String reason) {
        return new AssistantAnswer(false, AssistantAnswer.OFFER_PERSON, topic, confidence, sources, reason, true);
    }

    /** A confidence as people read it: "3 %", "41 %". */
    private static String percent(double share) {
        return Math.round(share * 100) + " %";
    }
}
