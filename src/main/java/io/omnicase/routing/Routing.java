package io.omnicase.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.SenderCheck;
import io.omnicase.routing.internal.DrlGenerator;
import io.omnicase.routing.internal.GuidedRuleCheck;
import io.omnicase.routing.internal.RoutingFactsStore;
import io.omnicase.routing.internal.RuleSetStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * Decides how a case is handled, with the active rule set from the database. Every node polls the latest activation
 * and swaps in the new rules without a restart; a version that does not compile here keeps the running rules.
 */
@Service
public class Routing {

    private static final Logger log = LoggerFactory.getLogger(Routing.class);

    private final RuleSetStore store;
    private final RoutingFactsStore recordedFacts;
    private final ObjectMapper json;
    private final TransactionTemplate transaction;
    private final Resource initialRules;
    private final org.springframework.context.ApplicationEventPublisher events;
    private volatile Active active;

    /** The rule set in use and the activation it came from. */
    private record Active(long activation, RuleSet rules) {
    }

    Routing(RuleSetStore store, RoutingFactsStore recordedFacts, ObjectMapper json, PlatformTransactionManager tx,
            @Value("${omnicase.routing.rules:classpath:rules/routing-rules.json}") Resource initialRules,
            org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.recordedFacts = recordedFacts;
        this.json = json;
        // Its own transaction, whoever calls: a listener deciding a case would read the rules from its transaction's
        // old snapshot, and would keep a first start's seed uncommitted while the poller seeded a second version.
        this.transaction = new TransactionTemplate(tx);
        this.transaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
        this.initialRules = initialRules;
    }

    /**
     * Decides with the active rules and keeps the facts it read, for dry runs; the caller records the decision on the
     * case's timeline, its one record.
     */
    public RoutingDecision decide(CaseId caseId, RoutingFacts facts) {
        return decide(caseId, facts, SenderCheck.NOT_CHECKED);
    }

    /**
     * Decides as {@link #decide(CaseId, RoutingFacts)} does, for a latest message whose sender its channel checked: a
     * sender that is not verified gets no automatic answer, whatever the rules say (the one place this is decided; a
     * rule table a supervisor edits cannot take it away). What is published and recorded is that decision.
     */
    public RoutingDecision decide(CaseId caseId, RoutingFacts facts, SenderCheck sender) {
        RoutingDecision decision = activeRules().decide(facts);
        if (!sender.allowsAutomaticAnswer()) {
            decision = decision.withoutAutomaticAnswer(sender.why());
        }
        String factsJson;
        try {
            factsJson = json.writeValueAsString(facts);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("routing facts are not serialisable", e);
        }
        Instant now = Instant.now();
        recordedFacts.record(caseId.value(), factsJson, now);
        events.publishEvent(new RoutingDecided(caseId.value(), factsJson, decision.selfService(), decision.queue().group(),
                decision.priority().taskPriority(), decision.rulesFired(), decision.ruleSetVersion(), decision.reasons(), now));
        return decision;
    }

    /** The rules in use on this node. */
    public RuleSet activeRules() {
        Active current = active;
        if (current == null) {
            refresh();
            current = active;
        }
        return current.rules();
    }

    /**
     * Loads the active version if it changed since the last look; seeds version 1 from the shipped rule table (or, if
     * configured so, a DRL file of the server's configuration) on first start.
     */
    public synchronized void refresh() {
        long latest = transaction.execute(status -> store.latestActivation());
        if (latest == 0) {
            seed();
            latest = transaction.execute(status -> store.latestActivation());
        }
        if (active != null && active.activation() == latest) {
            return;
        }
        RuleSetVersion version = transaction.execute(status -> store.active()).orElseThrow();
        try {
            active = new Active(latest, RuleSet.compile(version.drl(), version.label()));
            log.info("Routing rules {} active (activated by {})", version.label(), version.activatedBy());
        } catch (RuleSetException e) {
            // Validation makes this unlikely (only a change of the fact model could cause it); keep what runs.
            if (active == null) {
                throw e;
            }
            log.error("Routing rules {} do not compile on this node; keeping {}: {}", version.label(),
                    active.rules().version(), e.getMessage());
            active = new Active(latest, active.rules());
        }
    }

    private void seed() {
        GuidedRuleSet table = isDrl(initialRules) ? null : shippedTable();
        String drl = table == null ? read(initialRules) : DrlGenerator.drl(table);
        try {
            transaction.executeWithoutResult(status -> {
                if (store.latestActivationLocked() == 0) {
                    int version = store.insert(drl, table, RuleSet.checksumOf(drl), "system",
                            "shipped with Omnicase (" + initialRules.getFilename() + ")");
                    store.activate(version, "system", "first start");
                }
            });
        } catch (DuplicateKeyException | ConcurrencyFailureException e) {
            // Another node seeded at the same moment (the same version number, or a deadlock on the empty tables'
            // locks with it); its version is as good.
        }
    }

    /** The rule table the application ships with (checked by type); null when the configured seed is a DRL file. */
    GuidedRuleSet shippedTable() {
        if (isDrl(initialRules)) {
            return null;
        }
        try {
            return GuidedRuleCheck.checked(json.readValue(read(initialRules), GuidedRuleSet.class));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("The rule table at " + initialRules + " is not valid JSON", e);
        }
    }

    private static boolean isDrl(Resource resource) {
        return resource.getFilename() != null && resource.getFilename().endsWith(".drl");
    }

    private static String read(Resource resource) {
        try {
            return resource.getContentAsString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the routing rules at " + resource, e);
        }
    }

    /** Looks for a newly activated version every {@code omnicase.routing.poll-interval}. */
    @Scheduled(initialDelayString = "${omnicase.routing.poll-interval:5s}",
            fixedDelayString = "${omnicase.routing.poll-interval:5s}")
    void pollQuietly() {
        try {
            refresh();
        } catch (RuntimeException e) {
            log.warn("Could not check for new routing rules: {}", e.toString());
        }
    }
}
