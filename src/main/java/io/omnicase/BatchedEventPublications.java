package io.omnicase;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.modulith.events.core.EventPublicationRepository;
import org.springframework.modulith.events.core.EventSerializer;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.modulith.events.core.TargetEventPublication;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import javax.sql.DataSource;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Event publications of one transaction written in one statement (intake). Spring Modulith stores one row per event
 * and listener with one INSERT each as the event is published: a customer's message (two events, ten listeners) cost
 * ten round trips to MariaDB inside the intake transaction. Here the rows of a transaction are collected and written
 * with one multi-row INSERT just before it commits, so they still commit (or roll back) with the change that published
 * them, and are in the table before any listener runs (after commit). Each event is serialised once, not once per
 * listener. Outside a transaction, or once a transaction has written its rows, a publication is written at once as
 * before. Everything else (completion, redelivery, clean-up) is Spring Modulith's own repository, unchanged.
 */
@Configuration(proxyBeanMethods = false)
class BatchedEventPublications {

    @Bean
    static BeanPostProcessor batchedEventPublicationRepository(ObjectProvider<DataSource> dataSource,
                                                                ObjectProvider<EventSerializer> serializer) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                return bean instanceof EventPublicationRepository repository && !(bean instanceof Batching)
                        ? new Batching(repository, new JdbcTemplate(dataSource.getObject()), serializer)
                        : bean;
            }
        };
    }

    /** The repository, with {@link #create} collected per transaction. */
    static final class Batching implements EventPublicationRepository {

        // Spring Modulith 1.4's table and columns (see its JdbcEventPublicationRepository); IDs as text on MariaDB.
        private static final String INSERT = "INSERT INTO EVENT_PUBLICATION "
                + "(ID, EVENT_TYPE, LISTENER_ID, PUBLICATION_DATE, SERIALIZED_EVENT) VALUES ";
        private static final String ROW = "(?, ?, ?, ?, ?)";

        private final EventPublicationRepository delegate;
        private final JdbcTemplate jdbc;
        private final ObjectProvider<EventSerializer> serializer;

        Batching(EventPublicationRepository delegate, JdbcTemplate jdbc, ObjectProvider<EventSerializer> serializer) {
            this.delegate = delegate;
            this.jdbc = jdbc;
            this.serializer = serializer;
        }

        @Override
        public TargetEventPublication create(TargetEventPublication publication) {
            if (!TransactionSynchronizationManager.isSynchronizationActive()
                    || !TransactionSynchronizationManager.isActualTransactionActive()
                    || TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
                return delegate.create(publication);
            }
            Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
            if (pending == null) {
                pending = new Pending();
                TransactionSynchronizationManager.bindResource(this, pending);
                TransactionSynchronizationManager.registerSynchronization(pending);
            }
            if (pending.written) {
                return delegate.create(publication); // published by another before-commit step, after ours
            }
            pending.publications.add(publication);
            return publication;
        }

        void write(List<TargetEventPublication> publications) {
            Map<Object, String> serialized = new IdentityHashMap<>();
            List<Object> args = new ArrayList<>(publications.size() * 5);
            for (TargetEventPublication p : publications) {
                Object event = p.getEvent();
                args.add(p.getIdentifier().toString());
                args.add(event.getClass().getName());
                args.add(p.getTargetIdentifier().getValue());
                args.add(Timestamp.from(p.getPublicationDate()));
                args.add(serialized.computeIfAbsent(event, e -> serializer.getObject().serialize(e).toString()));
            }
            jdbc.update(INSERT + String.join(", ", java.util.Collections.nCopies(publications.size(), ROW)), args.toArray());
        }

        /** The publications of one transaction, written just before it commits. */
        private final class Pending implements TransactionSynchronization {
            private final List<TargetEventPublication> publications = new ArrayList<>();
            private boolean written;

            @Override
            public int getOrder() {
                // Before the audit trail's own before-commit step (lowest precedence): nothing of ours follows it.
                return Ordered.LOWEST_PRECEDENCE - 10;
            }

            @Override
            public void suspend() {
                TransactionSynchronizationManager.unbindResource(Batching.this);
            }

            @Override
            public void resume() {
                TransactionSynchronizationManager.bindResource(Batching.this, this);
            }

            @Override
            public void beforeCommit(boolean readOnly) {
                written = true;
                if (!publications.isEmpty()) {
                    write(publications);
                }
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(Batching.this);
            }
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
