package io.omnicase.outbox;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
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
 * a publication is written at once as before. Everything else (completion, redelivery, clean-up) is Spring Modulith's
 * own repository, unchanged.
 */
@Configuration(proxyBeanMethods = false)
class BatchedEventPublications {

    @Bean
    static BeanPostProcessor batchedEventPublicationRepository(ObjectProvider<TransactionOutbox> outbox) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventPublicationRepository repository && !(bean instanceof Batching)
                        ? new Batching(repository, outbox)
                        : bean;
            }
        };
    }

    /** The repository, with {@link #create} collected per transaction. */
    static final class Batching implements EventPublicationRepository {

        private final EventPublicationRepository delegate;
        private final ObjectProvider<TransactionOutbox> outbox;

        Batching(EventPublicationRepository delegate, ObjectProvider<TransactionOutbox> outbox) {
            this.delegate = delegate;
            this.outbox = outbox;
        }

        @Override
        public TargetEventPublication create(TargetEventPublication publication) {
            return outbox.getObject().collect(publication) ? publication : delegate.create(publication);
        }

        // ---- everything else: Spring Modulith's repository ----

        @Override
        public void markCompleted(Object event, PublicationTargetIdentifier identifier, Instant completionDate) {
            delegate.markCompleted(event, identifier, completionDate);
        }

        @Override
        public void markCompleted(TargetEventPublication publication, Instant completionDate) {
            delegate.markCompleted(publication, completionDate);
        }

        @Override
        public void markCompleted(UUID identifier, Instant completionDate) {
            delegate.markCompleted(identifier, completionDate);
        }

        @Override
        public List<TargetEventPublication> findIncompletePublications() {
            return delegate.findIncompletePublications();
        }

        @Override
        public List<TargetEventPublication> findIncompletePublicationsPublishedBefore(Instant instant) {
            return delegate.findIncompletePublicationsPublishedBefore(instant);
        }

        @Override
        public Optional<TargetEventPublication> findIncompletePublicationsByEventAndTargetIdentifier(Object event,
                                                                                                     PublicationTargetIdentifier targetIdentifier) {
            return delegate.findIncompletePublicationsByEventAndTargetIdentifier(event, targetIdentifier);
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
