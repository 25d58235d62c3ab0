package io.omnicase.audit.internal;

import io.omnicase.cases.CaseRead;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.InteractionRecorded;
import io.omnicase.cases.MessageReceived;
import io.omnicase.cases.ReplyRecorded;
import io.omnicase.cases.SlaDeadlineChanged;
import io.omnicase.customers.CustomersMerged;
import io.omnicase.process.CaseProcessStarted;
import io.omnicase.process.CaseTaskAssigned;
import io.omnicase.routing.RoutingDecided;
import io.omnicase.routing.RuleSetActivated;
import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the domain events that change or decide a case into audit entries. Plain, synchronous listeners: they run in
 * the publishing transaction, so an entry commits (or rolls back) with the change it records. Personal data (message
 * texts, addresses, the facts a decision read) goes into an entry's content only, never into its header, so erasure
 * can drop it while the chain keeps verifying.
 */
@Component
class AuditListeners {

    /** The actor of a customer's own messages; their address stays in the content. */
    static final String CUSTOMER = "customer";

    /** Reads of the same case by the same user within this time are one look. */
    static final java.time.Duration READ_WINDOW = java.time.Duration.ofMinutes(1);
    private static final int MAX_REMEMBERED_READS = 10_000;

    private final AuditLog log;
    private final Map<String, java.time.Instant> lastReads = new java.util.concurrent.ConcurrentHashMap<>();

    AuditListeners(AuditLog log) {
        this.log = log;
    }

    @EventListener
    void on(InteractionRecorded e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("interactionId", e.interactionId());
        content.put("entryKind", e.kind().name());
        content.put("channel", e.channel() == null ? null : e.channel().name());
        content.put("author", e.author());
        content.put("text", e.text());
        content.put("caseStatus", e.caseStatus() == null ? null : e.caseStatus().name());
        String actor = e.kind() == InteractionKind.INBOUND ? CUSTOMER : signedIn(e.author());
        log.record(new AuditRecord(kindOf(e), e.caseId(), e.customerId(), actor, e.occurredAt(), content));
    }

    private static String kindOf(InteractionRecorded e) {
        return switch (e.kind()) {
            case INBOUND -> "message.in";
            case OUTBOUND -> "message.out";
            case DECISION -> "routing.recorded";
            case ROUTING -> "case.moved";
            case STATUS -> e.text() != null && e.text().startsWith("SLA breached") ? "case.sla-breached"
                    : e.text() != null && e.text().contains(" merged into customer ") ? "case.customer-merged" : "case.status";
            default -> "case." + e.kind().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    @EventListener
    void on(MessageReceived e) {
        if (e.newCase()) {
            log.record(new AuditRecord("case.opened", e.caseId(), e.customerId(), CUSTOMER, Instant.now(),
                    Map.of("messageId", e.messageId(), "channel", e.channel().name())));
        }
    }

    @EventListener
    void on(ReplyRecorded e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("interactionId", e.interactionId());
        content.put("channel", e.channel().name());
        content.put("to", e.to());
        content.put("automatic", e.automatic());
        log.record(new AuditRecord("reply.queued", e.caseId(), null, signedIn(e.automatic() ? "assistant" : null),
                Instant.now(), content));
    }

    /**
     * A reply that did not leave: the trail said only "handed to the channel", so an auditor read a reply the customer
     * never got (a channel switched off, a provider's refusal after its retries) as sent (walk 46). Sent, delivered and
     * read stay on the timeline; the trail records the failure, with its reason.
     */
    @EventListener
    void on(io.omnicase.cases.DeliveryShown e) {
        // Published only when the timeline's entry changed: a failure reported again is not shown, nor recorded, twice.
        if (!io.omnicase.cases.DeliveryStatus.FAILED.name().equals(e.delivery())) {
            return;
        }
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("interactionId", e.interactionId());
        content.put("error", e.error());
        log.record(new AuditRecord("reply.failed", e.caseId(), null, signedIn("channel"), Instant.now(), content));
    }

    @EventListener
    void on(RoutingDecided e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("selfService", e.selfService());
        content.put("queue", e.queue());
        content.put("priority", e.priority());
        content.put("rulesFired", e.rulesFired());
        content.put("reasons", e.reasons());
        content.put("ruleSetVersion", e.ruleSetVersion());
        content.put("facts", Canonical.tree(e.factsJson()));
        log.record(new AuditRecord("routing.decided", e.caseId(), null, "routing", e.decidedAt(), content));
    }

    @EventListener
    void on(SlaDeadlineChanged e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("priorityBefore", e.priorityBefore());
        content.put("priorityAfter", e.priorityAfter());
        content.put("dueBefore", e.dueBefore() == null ? null : e.dueBefore().toString());
        content.put("dueAfter", e.dueAfter().toString());
        content.put("reason", e.reason());
        log.record(new AuditRecord("case.sla-changed", e.caseId(), e.customerId(), signedIn(e.changedBy()),
                e.occurredAt(), content));
    }

    @EventListener
    void on(CaseTaskAssigned e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("taskId", e.taskId());
        content.put("assignee", e.assignee());
        log.record(new AuditRecord(e.assignee() == null ? "task.unassigned" : "task.assigned", e.caseId(), null,
                signedIn(e.assignee()), Instant.now(), content));
    }

    @EventListener
    void on(CaseProcessStarted e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("processKey", e.processKey());
        content.put("processVersion", e.processVersion());
        content.put("processDefinitionId", e.processDefinitionId());
        content.put("processInstanceId", e.processInstanceId());
        log.record(new AuditRecord("process.started", e.caseId(), null, "process", Instant.now(), content));
    }

    @EventListener
    void on(CustomersMerged e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("mergeId", e.mergeId());
        content.put("source", e.source().value());
        content.put("target", e.target().value());
        content.put("identities", e.identities().stream().map(i -> i.kind() + ":" + i.address()).toList());
        log.record(new AuditRecord("customers.merged", null, e.target().value(), e.mergedBy(), e.mergedAt(), content));
    }

    @EventListener
    void on(RuleSetActivated e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("version", e.version());
        content.put("label", e.label());
        content.put("checksum", e.checksum());
        content.put("reason", e.reason());
        log.record(new AuditRecord("rules.activated", null, null, e.activatedBy(), e.activatedAt(), content));
    }

    @EventListener
    void on(io.omnicase.security.UserAccountChanged e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("username", e.username());
        content.put("change", e.change());
        content.put("displayName", e.displayName());
        content.put("roles", e.roles().stream().map(Enum::name).sorted().toList());
        content.put("queues", e.queues().stream().sorted().toList());
        content.put("enabled", e.enabled());
        log.record(new AuditRecord("users.changed", null, null, e.changedBy(), e.changedAt(), content));
    }

    /**
     * One "case read" entry per user and case within {@link #READ_WINDOW}: opening a case on the desk reads it through
     * half a dozen requests at once (details, timeline, handover, repeats, form, live feed), which made six entries for
     * one look. A read after the window is recorded again. Per node: with two nodes a look may be recorded twice.
     */
    @EventListener
    void on(CaseRead e) {
        boolean[] fresh = {false};
        lastReads.compute(e.username() + '\u0000' + e.caseId(), (key, previous) -> {
            // The look's requests finish in any order: a read stamped a moment before the recorded one is the same
            // look (walk 49 saw two entries for one opening of a case), one a window before or after is another.
            if (previous == null || !e.readAt().isBefore(previous.plus(READ_WINDOW))
                    || !e.readAt().isAfter(previous.minus(READ_WINDOW))) {
                fresh[0] = true;
                return e.readAt();
            }
            return previous;
        });
        if (lastReads.size() > MAX_REMEMBERED_READS) {
            lastReads.values().removeIf(at -> at.isBefore(e.readAt().minus(READ_WINDOW)));
        }
        if (fresh[0]) {
            log.record(new AuditRecord("case.read", e.caseId(), e.customerId(), e.username(), e.readAt(),
                    e.via() == null ? Map.of() : Map.of("via", e.via())));
        }
    }

    /** One entry on each moved case's trail: it runs on another version of its process from now on. */
    @EventListener
    void on(io.omnicase.process.CasesMigrated e) {
        for (long caseId : e.caseIds()) {
            Map<String, Object> content = new LinkedHashMap<>();
            content.put("processKey", e.processKey());
            content.put("fromVersion", e.fromVersion());
            content.put("toVersion", e.toVersion());
            content.put("batchId", e.batchId());
            log.record(new AuditRecord("process.migrated", caseId, null, e.startedBy(), e.at(), content));
        }
    }

    @EventListener
    void on(io.omnicase.process.ProcessVersionDeployed e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("processKey", e.processKey());
        content.put("version", e.version());
        content.put("reason", e.reason());
        content.put("rollbackOf", e.rollbackOf());
        log.record(new AuditRecord("process.deployed", null, null, e.deployedBy(), e.at(), content));
    }

    /**
     * An example removed from the assistant's knowledge: who removed which, and what it said (in the content, which
     * erasure may drop), so an auditor can tell what colleagues were told before.
     */
    @EventListener
    void on(io.omnicase.assistant.ExampleRemoved e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("exampleId", e.exampleId());
        content.put("topic", e.topic());
        content.put("origin", e.origin());
        content.put("taughtBy", e.taughtBy());
        content.put("question", e.question());
        log.record(new AuditRecord("assistant.example-removed", null, null, e.removedBy(), e.removedAt(), content));
    }

    @EventListener
    void on(io.omnicase.assistant.ExampleReviewed e) {
        Map<String, Object> content = new LinkedHashMap<>();
        content.put("exampleId", e.exampleId());
        content.put("topic", e.topic());
        content.put("taughtBy", e.taughtBy());
        content.put("question", e.question());
        log.record(new AuditRecord("assistant.example-reviewed", null, null, e.reviewedBy(), e.reviewedAt(), content));
    }

    /** The signed-in user behind a change, else who the event names, else the system. */
    private static String signedIn(String fallback) {
        var login = SecurityContextHolder.getContext().getAuthentication();
        if (login != null && login.isAuthenticated() && !(login instanceof AnonymousAuthenticationToken)) {
            return login.getName();
        }
        return fallback == null ? "system" : fallback;
    }
}
