package io.omnicase.assistant.internal;

import io.omnicase.assistant.Article;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;

/** Knowledge articles in MariaDB, the system of record; the knowledge index is derived from it. */
@Repository
public class ArticleStore {

    private static final String COLUMNS = "slug, title, topic, body, origin, updated_by, updated_at";

    private final JdbcClient jdbc;

    ArticleStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public List<Article> all() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_articles ORDER BY slug").query(this::article).list();
    }

    public Optional<Article> find(String slug) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM knowledge_articles WHERE slug = ?").param(slug)
                .query(this::article).optional();
    }

    public void save(Article article) {
        jdbc.sql("INSERT INTO knowledge_articles (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE title = VALUES(title), topic = VALUES(topic), body = VALUES(body), "
                        + "origin = VALUES(origin), updated_by = VALUES(updated_by), updated_at = VALUES(updated_at)")
                .params(article.slug(), article.title(), article.topic(), article.body(), article.origin(),
                        article.updatedBy(), Timestamp.from(article.updatedAt()))
                .update();
    }

    private Article article(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Article(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getTimestamp(7).toInstant());
    }
}
