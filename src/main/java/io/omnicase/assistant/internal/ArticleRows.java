package io.omnicase.assistant.internal;

import org.springframework.data.domain.Sort;
import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** Knowledge articles by slug. */
interface ArticleRows extends Repository<ArticleRow, String> {

    ArticleRow save(ArticleRow article);

    Optional<ArticleRow> findById(String slug);

    List<ArticleRow> findAll(Sort sort);

    List<ArticleRow> findAllById(Iterable<String> slugs);
}
