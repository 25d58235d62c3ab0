package io.omnicase.assistant.internal;

import io.omnicase.assistant.Article;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;

/** A row of {@code knowledge_articles} (V30): an article, keyed by its slug. */
@Entity
@Table(name = "knowledge_articles")
class ArticleRow {

    @Id
    @Column(length = 120)
    private String slug;

    @Column(nullable = false, length = 300)
    private String title;

    @Column(nullable = false, length = 80)
    private String topic;

    @Column(nullable = false, columnDefinition = "mediumtext")
    private String body;

    @Column(nullable = false, length = 40)
    private String origin;

    @Column(name = "updated_by", length = 320)
    private String updatedBy;

    /** Written like {@code Timestamp.from(instant)}, as the JdbcClient stores write their timestamps. */
    @JdbcTypeCode(SqlTypes.TIMESTAMP)
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;

    protected ArticleRow() {
    }

    ArticleRow(String slug) {
        this.slug = slug;
    }

    /** Takes the article's content (its slug is this row's key). */
    ArticleRow with(Article article) {
        title = article.title();
        topic = article.topic();
        body = article.body();
        origin = article.origin();
        updatedBy = article.updatedBy();
        updatedAt = article.updatedAt();
        return this;
    }

    Article article() {
        return new Article(slug, title, topic, body, origin, updatedBy, updatedAt);
    }
}
