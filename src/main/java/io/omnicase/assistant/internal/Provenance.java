package io.omnicase.assistant.internal;

import io.omnicase.assistant.AnswerSource;
import io.omnicase.assistant.Article;
import io.omnicase.assistant.Grounding;
import io.omnicase.search.KnowledgeScope;
import org.springframework.stereotype.Component;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Says who stands behind each source of an answer (origin, author, when, whether an agent taught it unreviewed), read
 * from MariaDB, the system of record: the knowledge index holds the text and the vector, not the people. A colleague
 * reading a suggestion could not tell that one agent, unreviewed, had written it (probe 46, L2).
 */
@Component
public class Provenance {

    private final ExampleStore examples;
    private final ArticleStore articles;

    Provenance(ExampleStore examples, ArticleStore articles) {
        this.examples = examples;
        this.articles = articles;
    }

    /** The groundings with their sources attributed; one query per kind, none when there is nothing of that kind. */
    public List<Grounding> attributed(List<Grounding> groundings) {
        if (groundings.isEmpty()) {
            return groundings;
        }
        List<Long> exampleIds = groundings.stream().map(Grounding::source)
                .filter(s -> KnowledgeEntries.EXAMPLE.equals(s.kind())).map(s -> exampleId(s.id()))
                .filter(Objects::nonNull).toList();
        List<String> slugs = groundings.stream().map(Grounding::source)
                .filter(s -> KnowledgeEntries.ARTICLE.equals(s.kind())).map(AnswerSource::id).toList();
        Map<Long, ExampleStore.StoredExample> taught = examples.findAll(exampleIds);
        Map<String, Article> written = slugs.isEmpty() ? Map.of() : articles.findAll(slugs).stream()
                .collect(Collectors.toMap(Article::slug, Function.identity(), (a, b) -> a));
        List<Grounding> attributed = new ArrayList<>(groundings.size());
        for (Grounding grounding : groundings) {
            AnswerSource source = grounding.source();
            AnswerSource known = source;
            if (KnowledgeEntries.EXAMPLE.equals(source.kind())) {
                ExampleStore.StoredExample example = taught.get(exampleId(source.id()));
                // What the index said stands when the database no longer knows the example (removed a moment ago).
                String origin = example == null ? source.origin() : example.origin();
                known = source.by(origin, example == null ? null : example.createdBy(),
                        example == null ? null : example.createdAt(),
                        KnowledgeScope.UNREVIEWED.equals(origin) || KnowledgeScope.UNREVIEWED.equals(source.origin()));
            } else if (KnowledgeEntries.ARTICLE.equals(source.kind())) {
                Article article = written.get(source.id());
                known = source.by(article == null ? source.origin() : article.origin(),
                        article == null ? null : article.updatedBy(), article == null ? null : article.updatedAt(), false);
            }
            attributed.add(new Grounding(known, grounding.text(), grounding.answer()));
        }
        return attributed;
    }

    private static Long exampleId(String id) {
        try {
            return Long.valueOf(id);
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
