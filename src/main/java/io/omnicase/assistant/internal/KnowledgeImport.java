package io.omnicase.assistant.internal;

import io.omnicase.assistant.Assistant;
import io.omnicase.assistant.KnowledgeArticles;
import io.omnicase.assistant.KnowledgeReady;
import io.omnicase.search.HistoryUnavailableException;
import io.omnicase.http.InvalidFieldException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * At start, imports the Markdown articles of the {@code knowledge/} folder (on the classpath as {@code knowledge/})
 * and rebuilds the knowledge index. An article edited through the API is not overwritten by its file; a broken file
 * is skipped with a warning that names it, so one bad article never stops the application. Until the import has run,
 * the assistant finds nothing and hands cases to people; once the articles are in the index it publishes
 * {@link KnowledgeReady}.
 */
@Component
class KnowledgeImport {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeImport.class);

    private final KnowledgeArticles articles;
    private final Assistant assistant;
    private final ApplicationEventPublisher events;
    private static final int MAX_ATTEMPTS = 60;

    private final String location;
    private final Duration retryDelay;
    /** Attempts made so far while the import is pending; 0 before the first and after success or giving up. */
    private final AtomicInteger pendingAttempts = new AtomicInteger();

    KnowledgeImport(KnowledgeArticles articles, Assistant assistant, ApplicationEventPublisher events,
                    @Value("${omnicase.assistant.knowledge-location:classpath*:knowledge/*.md}") String location,
                    @Value("${omnicase.assistant.import-retry:PT5S}") Duration retryDelay) {
        this.articles = articles;
        this.assistant = assistant;
        this.events = events;
        this.location = location;
        this.retryDelay = retryDelay;
    }

    /**
     * Imports at once; if the index cannot be reached yet (the local Elasticsearch node may still be starting), keeps
     * trying in the background, so the articles arrive as soon as the node does.
     */
    @EventListener(ApplicationReadyEvent.class)
    void importAtStart() {
        if (!importFolder()) {
            pendingAttempts.set(1);
        }
    }

    /** Every {@code omnicase.assistant.import-retry}, tries again an import that could not reach the index. */
    @Scheduled(initialDelayString = "${omnicase.assistant.import-retry:PT5S}",
            fixedDelayString = "${omnicase.assistant.import-retry:PT5S}")
    void retryPendingImport() {
        int attempt = pendingAttempts.get();
        if (attempt == 0) {
            return;
        }
        if (importFolder()) {
            pendingAttempts.set(0);
        } else if (attempt + 1 >= MAX_ATTEMPTS) {
            pendingAttempts.set(0);
            log.error("Gave up importing the knowledge base after {} attempts; the assistant hands every case to a person", MAX_ATTEMPTS);
        } else {
            pendingAttempts.set(attempt + 1);
        }
    }

    /** @return false if the knowledge index could not be reached (the import is worth trying again) */
    boolean importFolder() {
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
            events.publishEvent(new KnowledgeReady(imported));
            return true;
        } catch (HistoryUnavailableException e) {
            log.warn("The knowledge index cannot be reached yet, trying again in {}: {}", retryDelay, e.getMessage());
            return false;
        } catch (IOException e) {
            log.warn("Could not read the knowledge folder {}: {}", location, e.getMessage());
            return true;
        }
    }
}
