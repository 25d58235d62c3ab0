package io.omnicase.assistant;

import io.omnicase.assistant.internal.ExampleStore;
import io.omnicase.assistant.internal.KnowledgeEntries;
import io.omnicase.search.KnowledgeIndex;
import io.omnicase.search.KnowledgeScope;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The examples the assistant was taught, for those who answer for them: list (by teacher, topic, review state),
 * remove one (from MariaDB and from the knowledge index, so it never answers again), and review an agent's example.
 * Removal and review leave an audit entry ({@link ExampleRemoved}, {@link ExampleReviewed}). Who may do which is the
 * API's to decide.
 */
@Service
public class TaughtExamples {

    /** Which examples a list shows, by origin. */
    public enum Status {
        /** Agents' examples no supervisor reviewed yet. */
        UNREVIEWED(List.of(KnowledgeScope.UNREVIEWED)),
        /** Taught through the API and shared: supervisors' own, and agents' that a supervisor reviewed. */
        REVIEWED(List.of(KnowledgeScope.REVIEWED, "api")),
        /** Everything taught through the API, reviewed or not. */
        TAUGHT(List.of(KnowledgeScope.UNREVIEWED, KnowledgeScope.REVIEWED, "api")),
        /** Every example, those learned from resolved cases and evaluation runs included. */
        ALL(List.of());

        final List<String> origins;

        Status(List<String> origins) {
            this.origins = origins;
        }
    }

    /** A page of examples, newest first. */
    public record Page(List<TaughtExample> items, long total, int page, int size) {
    }

    private final ExampleStore examples;
    private final KnowledgeIndex index;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    TaughtExamples(ExampleStore examples, KnowledgeIndex index, ApplicationEventPublisher events,
                   PlatformTransactionManager tx) {
        this.examples = examples;
        this.index = index;
        this.events = events;
        this.transaction = new TransactionTemplate(tx);
    }

    /** @param author only this teacher's (a login), or null; @param topic only this topic, or null */
    public Page list(String author, String topic, Status status, int page, int size) {
        ExampleStore.Page found = examples.page(new ExampleStore.Filter(author, topic, status.origins), page, size);
        return new Page(found.examples().stream().map(TaughtExamples::view).toList(), found.total(), page, size);
    }

    public Optional<TaughtExample> find(long id) {
        return examples.find(id).map(TaughtExamples::view);
    }

    /**
     * Removes the example: first from the knowledge index (if that cannot be reached, nothing changes and the caller
     * hears so), then from the database with its audit entry. The index is derived from the database, so the other
     * order could leave an example answering that no list shows any more.
     *
     * @return false when there is no such example
     */
    public boolean remove(long id, String by) {
        Optional<ExampleStore.StoredExample> found = examples.find(id);
        if (found.isEmpty()) {
            return false;
        }
        ExampleStore.StoredExample example = found.get();
        index.remove(KnowledgeEntries.example(example).id());
        transaction.executeWithoutResult(status -> {
            if (examples.remove(id)) {
                events.publishEvent(new ExampleRemoved(id, example.example().topic(), example.origin(),
                        example.createdBy(), example.example().question(), by, Instant.now()));
            }
        });
        return true;
    }

    /**
     * Marks an agent's example reviewed: it is shared like a supervisor's from now on (customers' self-service, the
     * topic statistics, no ceiling on its confidence). The database first, with the audit entry, then the index: if
     * the index cannot be reached, the example stays out of customers' answers there until the next start's reindex.
     *
     * @return the example as it is now; empty when there is no such example
     * @throws IllegalStateException when it is not an unreviewed agent's example
     */
    public Optional<TaughtExample> review(long id, String by) {
        Optional<ExampleStore.StoredExample> found = examples.find(id);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        // As the column keeps it (microseconds): the answer shows what a later read shows.
        Instant now = Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        ExampleStore.StoredExample before = found.get();
        boolean changed = Boolean.TRUE.equals(transaction.execute(status -> {
            if (!examples.markReviewed(id, by, now)) {
                return false;
            }
            events.publishEvent(new ExampleReviewed(id, before.example().topic(), before.createdBy(),
                    before.example().question(), by, now));
            return true;
        }));
        if (!changed) {
            throw new IllegalStateException("Example " + id + " is not an unreviewed agent's example (it is "
                    + describe(before.origin()) + ")");
        }
        ExampleStore.StoredExample after = new ExampleStore.StoredExample(id, before.example(), KnowledgeScope.REVIEWED,
                before.caseId(), before.queue(), before.createdBy(), before.createdAt(), by, now);
        index.put(KnowledgeEntries.example(after));
        // Visible to the next question at once: until then the index still holds it as unreviewed.
        index.refresh();
        return Optional.of(view(after));
    }

    private static String describe(String origin) {
        return switch (origin) {
            case KnowledgeScope.REVIEWED -> "reviewed already";
            case "api" -> "a supervisor's";
            case "resolved-case" -> "learned from a resolved case";
            default -> "of origin " + origin;
        };
    }

    private static TaughtExample view(ExampleStore.StoredExample e) {
        return new TaughtExample(e.id(), e.example().question(), e.example().answer(), e.example().topic(), e.origin(),
                e.createdBy(), e.createdAt(), KnowledgeScope.UNREVIEWED.equals(e.origin()), e.reviewedBy(),
                e.reviewedAt(), e.caseId(), e.queue());
    }
}
