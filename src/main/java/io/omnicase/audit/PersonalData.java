package io.omnicase.audit;

import io.omnicase.audit.internal.AuditLog;
import io.omnicase.audit.internal.AuditRecord;
import io.omnicase.cases.CaseErasure;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.process.CaseProcessData;
import io.omnicase.search.InteractionIndex;
import io.omnicase.search.KnowledgeIndex;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A customer's personal data: everything held on them (access export), their erasure across every store, and the
 * retention job that erases closed cases after a configured period. The database part of an erasure is one
 * transaction (the customers, cases, channels, routing and assistant modules erase their tables in listeners of it;
 * the audit entries lose their content and keep their hashes, and the erasure itself is audited); then the process
 * engine and the search index forget the cases. Both steps can be repeated: a failure after commit is fixed by
 * erasing again.
 */
@Service
public class PersonalData {

    private static final Logger log = LoggerFactory.getLogger(PersonalData.class);
    private static final int RETENTION_BATCH = 100;

    static final List<String> STORES = List.of("MariaDB: customer, identities, merges, messages, subjects, threads, "
            + "attachments, deliveries, bounces, chat verifications, routing facts, learned examples, assistant attempts, "
            + "undelivered events", "audit trail: content dropped, hashes kept", "Camunda: runtime and history",
            "Elasticsearch: interactions, learned examples, the quotes in case outcomes",
            "support mailbox: the customer's mail (after commit)");

    private final Customers customers;
    private final CaseManagement cases;
    private final CaseErasure caseErasure;
    private final AuditLog auditLog;
    private final CaseProcessData processes;
    private final InteractionIndex interactions;
    private final KnowledgeIndex knowledge;
    private final io.omnicase.search.InsightQueries outcomes;
    private final TransactionTemplate transaction;
    private final Duration retention;

    PersonalData(Customers customers, CaseManagement cases, CaseErasure caseErasure, AuditLog auditLog,
                 CaseProcessData processes, InteractionIndex interactions, KnowledgeIndex knowledge,
                 io.omnicase.search.InsightQueries outcomes, PlatformTransactionManager tx,
                 @Value("${omnicase.audit.retention-after-close:P730D}") Duration retention,
                 io.omnicase.cluster.ClusterLock cluster) {
        this.cluster = cluster;
        this.customers = customers;
        this.cases = cases;
        this.caseErasure = caseErasure;
        this.auditLog = auditLog;
        this.processes = processes;
        this.interactions = interactions;
        this.knowledge = knowledge;
        this.outcomes = outcomes;
        this.transaction = new TransactionTemplate(tx);
        this.retention = retention;
    }

    /** Erases a customer's personal data everywhere; the erasure is audited (who, why, which cases). */
    public Erasure erase(CustomerId id, String by, String reason) {
        Customer customer = customers.find(id).orElseThrow(() -> new io.omnicase.http.NotFoundException(
                "Customer " + id.value() + " does not exist"));
        List<Long> caseIds = cases.ofCustomer(customer.id()).stream().map(CaseView::id).toList();
        Instant now = Instant.now();
        // What is parked but not sealed yet still carries its content: sealed first, it is pseudonymised below.
        auditLog.seal();
        Integer pseudonymised = transaction.execute(status -> {
            customers.erase(id, caseIds, by);
            caseErasure.erase(caseIds, by);
            int dropped = auditLog.pseudonymise(id.value(), caseIds, now);
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("cases", caseIds);
            content.put("reason", reason);
            content.put("auditEntriesPseudonymised", dropped);
            content.put("stores", STORES);
            auditLog.record(new AuditRecord("customer.erased", null, id.value(), by, now, content));
            return dropped;
        });
        int instances = processes.erase(caseIds);
        int indexed = interactions.removeCases(caseIds, id.value());
        int examples = knowledge.removeCases(caseIds);
        outcomes.forgetOutcomeTexts(caseIds);
        log.info("Customer {} erased by {}: {} cases, {} audit entries pseudonymised", id.value(), by, caseIds.size(),
                pseudonymised);
        return new Erasure(id.value(), caseIds, pseudonymised == null ? 0 : pseudonymised, instances, indexed, examples,
                STORES, by, now);
    }

    /** Everything held on a customer, as their access request gets it. */
    public record AccessExport(Instant exportedAt, Customer customer, List<io.omnicase.customers.CustomerMerge> merges,
                               List<CaseRecord> cases, List<AuditEntry> auditEntries) {
    }

    /** A case of the customer with its whole timeline. */
    public record CaseRecord(CaseView caseView, List<io.omnicase.cases.TimelineEntry> timeline) {
    }

    public Optional<AccessExport> export(CustomerId id) {
        return customers.find(id).map(customer -> {
            List<CaseView> theirs = cases.ofCustomer(id);
            List<CaseRecord> records = new ArrayList<>();
            theirs.forEach(c -> records.add(new CaseRecord(c, cases.timeline(new CaseId(c.id())))));
            return new AccessExport(Instant.now(), customer, customers.merges(id), records,
                    auditLog.ofCustomer(id.value(), theirs.stream().map(CaseView::id).toList()));
        });
    }

    /**
     * Erases the personal data of closed cases whose retention period ran out, in batches, with the same guarantees
     * as a customer's erasure (audited, chain kept); answers how many cases it erased.
     */
    public int applyRetention(Instant closedBefore) {
        int done = 0;
        while (true) {
            List<Long> batch = caseErasure.closedBefore(closedBefore, RETENTION_BATCH);
            if (batch.isEmpty()) {
                return done;
            }
            Instant now = Instant.now();
            auditLog.seal();
            transaction.executeWithoutResult(status -> {
                caseErasure.erase(batch, "retention");
                int dropped = auditLog.pseudonymise(null, batch, now);
                for (long caseId : batch) {
                    auditLog.record(new AuditRecord("case.anonymised", caseId, null, "retention", now,
                            Map.of("closedBefore", closedBefore.toString(), "retentionAfterClose", retention.toString(),
                                    "auditEntriesPseudonymisedInBatch", dropped)));
                }
            });
            processes.erase(batch);
            interactions.removeCases(batch, null);
            knowledge.removeCases(batch);
            outcomes.forgetOutcomeTexts(batch);
            done += batch.size();
        }
    }

    private final io.omnicase.cluster.ClusterLock cluster;

    @Scheduled(cron = "${omnicase.audit.retention-cron:0 15 3 * * *}")
    void retentionJob() {
        if (!cluster.tryLock("audit.retention", Duration.ofHours(1))) {
            return; // several nodes: another one runs tonight's retention (faults, issue 18)
        }
        int erased = applyRetention(Instant.now().minus(retention));
        if (erased > 0) {
            log.info("Retention: personal data of {} closed cases erased (closed more than {} ago)", erased, retention);
        }
    }
}
