package io.omnicase.assistant.internal;

import io.omnicase.search.KnowledgeEntry;
import io.omnicase.search.KnowledgeMatch;

import java.util.function.Function;

/**
 * A candidate reading of the assistant's confidence, measured and not shipped (docs/assistant.md, "The article read by
 * itself"): an answer drawn from an article of a topic that holds articles alone (no taught phrasing, no resolved case)
 * is read by the article itself; every other answer as the product reads it ({@link TopicVote#CALIBRATED}).
 * {@code ArticleKnowledgeEvaluation} measures it. It answered a double charge with "Cancel your subscription" at 0.86
 * (where a few articles do not compete, a question about something else that shares an article's words lies far ahead
 * of every other source; {@code CaseViewLiveIT} guards the desk against it), so the product does not use it.
 */
final class ArticleReading implements TopicVote.Reading {

    static final double ARTICLE_BIAS = -17.3375;
    static final double[] ARTICLE_W = {1.1523, 22.4473, 23.1697};

    private final Function<KnowledgeEntry, float[]> articleTexts;

    /** @param articleTexts the meaning vector of an article's whole text ({@link #articleText}) */
    ArticleReading(Function<KnowledgeEntry, float[]> articleTexts) {
        this.articleTexts = articleTexts;
    }

    @Override
    public double confidence(TopicVote.Winner winner) {
        KnowledgeEntry source = winner.nearest().entry();
        if (winner.question() == null || !winner.stats().articlesOnly() || !KnowledgeEntries.ARTICLE.equals(source.kind())) {
            return TopicVote.CALIBRATED.confidence(winner);
        }
        // How close the question lies to the article, by its title and by its whole text, and how far ahead of every
        // other source retrieved (none of them a phrasing of its question).
        float[] text = articleTexts.apply(source);
        double title = winner.signals().nearest();
        double toText = text == null ? title : TopicModel.dot(winner.question(), text);
        return article(title, title - secondNearest(winner), toText);
    }

    /** The similarity of the nearest source other than the winner's nearest, whatever its topic (0 when there is none). */
    private static double secondNearest(TopicVote.Winner winner) {
        double second = 0;
        boolean any = false;
        for (KnowledgeMatch match : winner.matches()) {
            if (match != winner.nearest() && (!any || match.similarity() > second)) {
                second = match.similarity();
                any = true;
            }
        }
        return second;
    }

    /**
     * The text of an article whose meaning the reading compares a question with: its title and its body (the index
     * embeds the title alone, which says what question the article answers).
     */
    static String articleText(KnowledgeEntry article) {
        return article.text() == null || article.text().isBlank() ? article.title() : article.title() + ". " + article.text();
    }

    /**
     * A logistic model of the similarity to the article's title, its margin over the nearest other source of any topic,
     * and the similarity to the article's whole text. None of these reads the knowledge's spread or how crowded it is:
     * the margin can only shrink as the knowledge grows (a source more is a rival more), so a denser knowledge never
     * makes such an answer more confident. Fitted on the tune half of the written articles-only set
     * ({@code src/test/resources/assistant/articles}), signals chosen among fifteen sets by leaving one domain out, bias
     * lowered by the product's threshold rule (at least 85 % of the tune half's unanswerable questions declined at 0.41).
     */
    static double article(double title, double margin, double text) {
        double z = ARTICLE_BIAS + ARTICLE_W[0] * title + ARTICLE_W[1] * margin + ARTICLE_W[2] * text;
        return 1 / (1 + Math.exp(-z));
    }
}
