package io.omnicase.assistant.internal;

import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.KnowledgeArticles;
import io.omnicase.web.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * At start, imports the Markdown articles of the {@code knowledge/} folder (on the classpath as {@code knowledge/})
 * and rebuilds the knowledge index. An article edited through the API is not overwritten by its file; a broken file
 * is skipped with a warning that names it, so one bad article never stops the application.
 */
@Component
class KnowledgeImport {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeImport.class);

    private final KnowledgeArticles articles;
    private final Assistant assistant;
    private final String location;

    KnowledgeImport(KnowledgeArticles articles, Assistant assistant,
                    @Value("${omnicase.assistant.knowledge-location:classpath*:knowledge/*.md}") String location) {
        this.articles = articles;
        this.assistant = assistant;
        this.location = location;
    }

    @EventListener(ApplicationReadyEvent.class)
    void importFolder() {
        try {
            int imported = 0;
            for (Resource file : new PathMatchingResourcePatternResolver().getResources(location)) {
                String name = file.getFilename();
                if (name == null) {
                    continue;
                }
                String slug = name.substring(0, name.length() - ".md".length());
                if (articles.find(slug).map(a -> KnowledgeArticles.API.equals(a.origin())).orElse(false)) {
                    continue;
                }
                try {
                    MarkdownArticles.Parsed parsed =
                            MarkdownArticles.parseFile(file.getContentAsString(StandardCharsets.UTF_8));
                    articles.save(slug, parsed.title(), parsed.topic(), parsed.body(), KnowledgeArticles.FOLDER, "import");
                    imported++;
                } catch (InvalidFieldException e) {
                    log.warn("Skipped knowledge article {}: {}: {}", name, e.field(), e.getMessage());
                }
            }
            assistant.reindex();
            log.info("Imported {} knowledge articles from {}", imported, location);
        } catch (IOException | RuntimeException e) {
            // The assistant declines while its index is missing; cases then go to people, nothing is lost.
            log.warn("Could not import the knowledge base: {}", e.getMessage());
        }
    }
}
