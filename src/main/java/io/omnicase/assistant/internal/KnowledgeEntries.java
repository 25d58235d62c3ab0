package io.omnicase.assistant.internal;

import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.Article;
import io.omnicase.assistant.Example;
import io.omnicase.assistant.Grounding;
import io.omnicase.search.KnowledgeEntry;
import io.omnicase.search.KnowledgeMatch;

/** Maps articles and examples to knowledge-index entries and back to what an answer engine reads. */
public final class KnowledgeEntries {

    public static final String ARTICLE = "ARTICLE";
    public static final String EXAMPLE = "EXAMPLE";

    private KnowledgeEntries() {
    }

    public static KnowledgeEntry article(Article article) {
        return new KnowledgeEntry("article:" + article.slug(), ARTICLE, article.topic(), article.title(),
                MarkdownArticles.plainText(article.body()), MarkdownArticles.summary(article.body()), article.origin());
    }

    public static KnowledgeEntry example(long id, Example example, String origin) {
        return example(id, example, origin, null, null);
    }

    /** An example as the index holds it; one learned from a case carries the case and its queue, for scoping. */
    public static KnowledgeEntry example(long id, Example example, String origin, Long caseId, String queue) {
        // The question is the title only: counting it in two fields would rank examples above articles for no reason.
        return new KnowledgeEntry("example:" + id, EXAMPLE, example.topic(), example.question(), "", example.answer(),
                origin, caseId, queue);
    }

    public static KnowledgeEntry example(ExampleStore.StoredExample stored) {
        return example(stored.id(), stored.example(), stored.origin(), stored.caseId(), stored.queue());
    }

    public static Grounding grounding(KnowledgeMatch match) {
        KnowledgeEntry entry = match.entry();
        String id = entry.id().substring(entry.id().indexOf(':') + 1);
        String title = entry.title().length() > 200 ? entry.title().substring(0, 200) + " …" : entry.title();
        return new Grounding(new AnswerSource(entry.kind(), id, title, entry.topic(),
                Math.round(match.score() * 1000) / 1000.0, entry.origin(), null, null,
                io.omnicase.search.KnowledgeScope.UNREVIEWED.equals(entry.origin())), entry.text(), entry.answer());
    }
}
