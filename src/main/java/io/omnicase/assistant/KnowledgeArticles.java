package io.omnicase.assistant;

import io.omnicase.assistant.internal.ArticleStore;
import io.omnicase.assistant.internal.KnowledgeEntries;
import io.omnicase.assistant.internal.MarkdownArticles;
import io.omnicase.search.KnowledgeIndex;
import org.springframework.stereotype.Service;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The knowledge base's articles: read, add and edit; every change reaches the knowledge index at once. */
@Service
public class KnowledgeArticles {

    /** Origin of articles imported from the {@code knowledge/} folder. */
    public static final String FOLDER = "knowledge-folder";
    /** Origin of articles created or edited through the API; the folder import leaves them alone. */
    public static final String API = "api";

    private final ArticleStore store;
    private final KnowledgeIndex index;

    KnowledgeArticles(ArticleStore store, KnowledgeIndex index) {
        this.store = store;
        this.index = index;
    }

    public List<Article> all() {
        return store.all();
    }

    public Optional<Article> find(String slug) {
        return store.find(slug);
    }

    /** Creates or replaces an article; throws {@link InvalidArticleException} naming the offending field. */
    public Article save(String slug, String title, String topic, String body, String origin, String by) {
        MarkdownArticles.Parsed parsed = MarkdownArticles.validate(title, topic, body);
        Article article = new Article(MarkdownArticles.requireSlug(slug), parsed.title(), parsed.topic(), parsed.body(),
                origin, by, Instant.now());
        store.save(article);
        index.put(KnowledgeEntries.article(article));
        index.refresh();
        return article;
    }

    /** The article's body as safe HTML (escaped HTML, no script links). */
    public String html(Article article) {
        return MarkdownArticles.html(article.body());
    }
}
