package io.omnicase.assistant.internal;

import io.omnicase.assistant.Article;
import org.springframework.data.domain.Sort;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

import java.util.List;
import java.util.Optional;

/** Knowledge articles in MariaDB, the system of record; the knowledge index is derived from it. */
@Repository
public class ArticleStore {

    private final ArticleRows rows;

    ArticleStore(ArticleRows rows) {
        this.rows = rows;
    }

    @Transactional(readOnly = true)
    public List<Article> all() {
        return rows.findAll(Sort.by("slug")).stream().map(ArticleRow::article).toList();
    }

    @Transactional(readOnly = true)
    public Optional<Article> find(String slug) {
        return rows.findById(slug).map(ArticleRow::article);
    }

    @Transactional(readOnly = true)
    public List<Article> findAll(java.util.Collection<String> slugs) {
        return rows.findAllById(slugs).stream().map(ArticleRow::article).toList();
    }

    /** Creates the article, or replaces the one with its slug. */
    @Transactional
    public void save(Article article) {
        rows.save(rows.findById(article.slug()).orElseGet(() -> new ArticleRow(article.slug())).with(article));
    }
}
