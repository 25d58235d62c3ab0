package io.omnicase.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Event publications of one transaction written in one statement (intake). Spring Modulith stores one row per event
 * and listener with one INSERT each as the event is published: a customer's message (two events, ten listeners) cost
 * ten round trips to MariaDB inside the intake transaction. Here the rows of a transaction are collected by
 * {@link TransactionOutbox} and written with one multi-row INSERT just before it commits, so they still commit (or
 * roll back) with the change that published them, and are in the table before any listener runs (after commit). Each
 * event is serialised once, not once per listener. Outside a transaction, or once a transaction has written its rows,
 * a publication is written at once as before. With completion mode {@code delete}, completions are deleted together
 * ({@link CompletionBatch}), and written before any incomplete publication is read. Everything else (redelivery,
 * clean-up) is Spring Modulith's own repository, unchanged.
 */
@Configuration(proxyBeanMethods = false)
class BatchedEventPublications {

    @Bean
    static BeanPostProcessor batchedEventPublicationRepository(ObjectProvider<TransactionOutbox> outbox,
                                                               ObjectProvider<CompletionBatch> completions,
                                                               Environment environment) {
        boolean deleting = "delete".equalsIgnoreCase(environment.getProperty("spring.modulith.events.completion-mode", ""));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventPublicationRepository repository && !(bean instanceof Batching)
                        ? new Batching(repository, outbox, deleting ? completions : null)
                        : bean;
            }
        };
    }

    /**
     * The repository, with {@link #create} collected per transaction and, when completions are deletions
     * ({@code completions} not null), completions by id deleted together.
     */
    static final class Batching implements EventPublicationRepository {

        private final EventPublicationRepository delegate;
        private final ObjectProvider<TransactionOutbox> outbox;
        private final ObjectProvider<CompletionBatch> completions;

        Batching(EventPublicationRepository delegate, ObjectProvider<TransactionOutbox> outbox,
                 ObjectProvider<CompletionBatch> completions) {
            this.delegate = delegate;
            this.outbox = outbox;
            this.completions = completions;
        }

        @Override
        public TargetEventPublication create(TargetEventPublication publication) {
            return outbox.getObject().collect(publication) ? publication : delegate.create(publication);
        }

        @Override
        public void markCompleted(TargetEventPublication publication, Instant completionDate) {
            markCompleted(publication.getIdentifier(), completionDate);
        }

        @Override
        public void markCompleted(UUID identifier, Instant completionDate) {
            if (completions == null) {
                delegate.markCompleted(identifier, completionDate);
            } else if (TransactionSynchronizationManager.isSynchronizationActive()) {
                // Completed inside the listener's own transaction: only once that has committed (not if it rolls back).
                TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        completions.getObject().completed(identifier.toString());
                    }
                });
            } else {
                completions.getObject().completed(identifier.toString());
            }
        }

        @Override
        public List<TargetEventPublication> findIncompletePublications() {
            written();
            return delegate.findIncompletePublications();
        }

        @Override
        public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
            written();
            return delegate.findIncompletePublicationsPublishedBefore(instant);
        }

        @Override
        public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
                                                                                                     PublicationTargetIdentifier targetIdentifier) {
            written();
            return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
        }

        /** The queued completions are in the table before incomplete publications are read. */
        private void written() {
            if (completions != null) {
                completions.getObject().flush();
            }
        }

        // ---- everything else: Spring Modulith's repository ----

        @Override
        public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
            delegate.markCompleted(event, identifier, completionDate);
        }

        @Override
        public List<TargetEventPublication> findCompletedPublications() {
            return delegate.findCompletedPublications();
        }

        @Override
        public void deletePublications(List<UUID> identifiers) {
            delegate.deletePublications(identifiers);
        }

        @Override
        public void deleteCompletedPublications() {
            delegate.deleteCompletedPublications();
        }

        @Override
        public void deleteCompletedPublicationsBefore(Instant instant) {
            delegate.deleteCompletedPublicationsBefore(instant);
        }
    }
}
