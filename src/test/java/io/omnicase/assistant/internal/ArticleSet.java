package io.omnicase.assistant.internal;

import io.omnicase.assistant.Article;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** The written articles-only set ({@code src/test/resources/assistant/articles}, see its README), one half at a time. */
public final class ArticleSet {

    private ArticleSet() {
    }

    /**
     * A question of the set.
     *
     * @param slug  the article that answers it; {@code null} for a question no article of its half answers
     * @param group {@code in-scope}, {@code near-miss} or {@code general}
     */
    public record Question(String text, String slug, String group) {
        public boolean inScope() {
            return slug != null;
        }
    }

    public record Half(String name, List<Article> articles, List<Question> questions) {
    }

    /** One half ({@code tune} or {@code test}): its articles, the questions they answer, and those none answers. */
    public static Half half(String name) throws IOException, URISyntaxException {
        Path root = Path.of(ArticleSet.class.getResource("/assistant/articles/README.md").toURI()).getParent();
        List<Article> articles = new ArrayList<>();
        try (Stream<Path> files = Files.list(root.resolve(name))) {
            for (Path file : files.sorted().toList()) {
                MarkdownArticles.Parsed parsed = MarkdownArticles.parseFile(Files.readString(file));
                String slug = file.getFileName().toString().replaceFirst("\\.md$", "");
                articles.add(new Article(slug, parsed.title(), parsed.topic(), parsed.body(), "evaluation", "evaluation", null));
            }
        }
        Set<String> slugs = new HashSet<>(articles.stream().map(Article::slug).toList());
        List<Question> questions = new ArrayList<>();
        for (String line : Files.readAllLines(root.resolve("questions.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 2 && slugs.contains(f[0])) {
                questions.add(new Question(f[1], f[0], "in-scope"));
            }
        }
        for (String line : Files.readAllLines(root.resolve("out-of-scope.tsv"), StandardCharsets.UTF_8)) {
            String[] f = line.split("\t");
            if (f.length == 3 && f[0].equals(name)) {
                questions.add(new Question(f[2], null, f[1]));
            }
        }
        return new Half(name, articles, questions);
    }
}
