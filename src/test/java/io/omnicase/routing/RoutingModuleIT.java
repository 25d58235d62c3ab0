package io.omnicase.routing;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.InteractionKind;
import io.omnicase.customers.Channel;
import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.SentimentTrend;
import io.omnicase.routing.facts.Tier;
import io.omnicase.support.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ContextConfiguration;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing module with the modules it asks for facts (cases, customers, sentiment, and what they use): its rule sets
 * live in the database, a supervisor's new table decides at once on this node, a rollback brings the earlier decisions
 * back, and routing a case records the decision once, on the case. Runs against the real MariaDB server, in a database
 * of its own (see {@link TestServers#moduleProperties()}).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES, extraIncludes = "embeddings")
@ContextConfiguration(initializers = TestServers.ModuleInitializer.class)
class RoutingModuleIT {

    private static final String URGENT_ROW = "An urgent message is escalated with high priority";
    private static final CaseId CASE = new CaseId(4_711);

    @Autowired
    Routing routing;

    @Autowired
    RuleSets ruleSets;

    @Autowired
    CaseRouting caseRouting;

    @Autowired
    CaseIntake intake;

    @Autowired
    CaseManagement cases;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    org.springframework.transaction.PlatformTransactionManager transactions;

    @Autowired
    io.omnicase.routing.internal.RuleSetStore ruleSetStore;

    @Autowired
    io.omnicase.routing.internal.RoutingFactsStore factsStore;

    @Autowired
    com.fasterxml.jackson.databind.ObjectMapper objectMapper;

    @Autowired
    org.springframework.context.ApplicationEventPublisher publisher;

    /**
     * On a first start the first decision (inside its listener's transaction, which stays open a while) and the rules
     * poller (here: of another node) both find no rules: the shipped table is stored once, not as v1 and an identical v2.
     */
    @Test
    void aFirstStartStoresTheShippedRulesOnceWhileADecisionsTransactionIsStillOpen() throws Exception {
        ClassPathResource shipped = new ClassPathResource("rules/routing-rules.json");
        Routing listenerNode = new Routing(ruleSetStore, factsStore, objectMapper, transactions, shipped, publisher);
        Routing pollerNode = new Routing(ruleSetStore, factsStore, objectMapper, transactions, shipped, publisher);
        java.util.concurrent.CountDownLatch refreshed = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch polled = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
        // This node's own poller waits meanwhile: it would seed the emptied tables first.
        synchronized (routing) {
            jdbc.sql("DELETE FROM rule_set_activations").update();
            jdbc.sql("DELETE FROM rule_set_versions").update();
            try {
                java.util.concurrent.Future<?> listener = threads.submit(() ->
                        new org.springframework.transaction.support.TransactionTemplate(transactions).executeWithoutResult(status -> {
                            jdbc.sql("SELECT COUNT(*) FROM rule_set_versions").query(Long.class).single(); // its snapshot
                            listenerNode.refresh();
                            refreshed.countDown();
                            try {
                                // the listener's other work; the poller looks meanwhile (or waits for this commit)
                                polled.await(3, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                                Thread.currentThread().interrupt();
                            }
                        }));
                assertThat(refreshed.await(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
                java.util.concurrent.Future<?> poller = threads.submit(() -> {
                    pollerNode.refresh();
                    polled.countDown();
                });
                listener.get(30, java.util.concurrent.TimeUnit.SECONDS);
                poller.get(30, java.util.concurrent.TimeUnit.SECONDS);
            } finally {
                threads.shutdownNow();
            }
        }
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_set_versions").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM rule_set_activations").query(Long.class).single()).isEqualTo(1);
        assertThat(pollerNode.activeRules().version()).isEqualTo("v1");
        routing.refresh();
        assertThat(routing.activeRules().version()).isEqualTo("v1");
    }

    @Test
    void routingACaseReadsItsFactsDecidesAndRecordsTheDecisionOnceOnTheCase() {
        String address = "routed-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        CaseId caseId = intake.receive(new InboundMessage(Channel.EMAIL, address, "Rita Routed",
                "URGENT: the app crashes at login and I cannot work", "routed-" + UUID.randomUUID(), null, null,
                Instant.now())).caseId();

        RoutingDecision decision = caseRouting.route(caseId);

        assertThat(decision.selfService()).isFalse();
        assertThat(decision.topic()).isEqualTo(Topic.TECHNICAL);
        assertThat(cases.timeline(caseId)).filteredOn(e -> e.kind() == InteractionKind.DECISION).singleElement()
                .satisfies(entry -> assertThat(entry.decision()).get().satisfies(recorded -> {
                    assertThat(recorded.selfService()).isFalse();
                    assertThat(recorded.queue()).isEqualTo(decision.queue().group());
                    assertThat(recorded.priority()).isEqualTo(decision.priority().taskPriority());
                    assertThat(recorded.rulesFired()).isEqualTo(decision.rulesFired());
                    assertThat(recorded.ruleSetVersion()).isEqualTo(decision.ruleSetVersion());
                }));
        assertThat(cases.find(caseId)).get().satisfies(view -> {
            assertThat(view.queue()).isEqualTo(decision.queue().group());
            assertThat(view.priority()).isEqualTo(decision.priority().taskPriority());
        });
        // The facts the decision read are what a dry run replays: the case is among the replayed, decided alike.
        DryRunResult replay = ruleSets.dryRun(ruleSets.shippedTable(), RuleSets.MAX_DRY_RUN_CASES);
        assertThat(replay.rows()).filteredOn(row -> row.caseId() == caseId.value()).singleElement()
                .satisfies(row -> assertThat(row.active().differsFrom(decision)).isFalse());
    }

    @Test
    void aSupervisorsNewTableDecidesAtOnceAndARollbackBringsTheEarlierDecisionBack() {
        RuleSetVersion before = ruleSets.active().orElseThrow();
        RoutingDecision urgent = routing.decide(CASE, urgentMessage());
        assertThat(urgent.selfService()).isFalse();
        assertThat(urgent.priority()).isEqualTo(Priority.HIGH);
        assertThat(urgent.rulesFired()).contains(URGENT_ROW);
        assertThat(urgent.ruleSetVersion()).isEqualTo(before.label());

        GuidedRuleSet withoutUrgentRow = new GuidedRuleSet(ruleSets.shippedTable().rules().stream()
                .filter(rule -> !rule.name().equals(URGENT_ROW)).toList());
        RuleSetVersion saved = ruleSets.saveAndActivate(withoutUrgentRow, "supervisor", "urgent messages wait their turn");
        ruleSets.applyNow();
        RoutingDecision relaxed = routing.decide(CASE, urgentMessage());
        assertThat(relaxed.ruleSetVersion()).isEqualTo(saved.label()).isNotEqualTo(before.label());
        assertThat(relaxed.rulesFired()).doesNotContain(URGENT_ROW);
        assertThat(relaxed.differsFrom(urgent)).isTrue();

        ruleSets.activate(before.version(), "supervisor", "back to the shipped table");
        ruleSets.applyNow();
        RoutingDecision rolledBack = routing.decide(CASE, urgentMessage());
        assertThat(rolledBack.ruleSetVersion()).isEqualTo(before.label());
        assertThat(rolledBack.differsFrom(urgent)).isFalse();
        assertThat(rolledBack.rulesFired()).isEqualTo(urgent.rulesFired());
    }

    /**
     * Rule sets stored before routing had its own fact enums name other modules' classes; the migration points them at
     * routing's enums, so such a version still compiles, and decides as the same table does today.
     */
    @Test
    void aRuleSetStoredWithTheOtherModulesClassesDecidesAsBeforeOnceMigrated() throws IOException {
        RuleSetVersion before = ruleSets.active().orElseThrow();
        String today = RuleSets.drlOf(ruleSets.shippedTable());
        String stored = today.replace("io.omnicase.routing.facts.Tier", "io.omnicase.customers.Customer.Tier")
                .replace("io.omnicase.routing.facts.Channel", "io.omnicase.customers.Channel")
                .replace("io.omnicase.routing.facts.CaseStatus", "io.omnicase.cases.CaseStatus")
                .replace("io.omnicase.routing.facts.SentimentLabel", "io.omnicase.sentiment.SentimentLabel")
                .replace("io.omnicase.routing.facts.SentimentTrend", "io.omnicase.sentiment.SentimentTrend");
        assertThat(stored).contains("import io.omnicase.customers.Customer.Tier").isNotEqualTo(today);
        int version = jdbc.sql("SELECT MAX(version) + 1 FROM rule_set_versions").query(Integer.class).single();
        jdbc.sql("INSERT INTO rule_set_versions (version, drl, checksum, author, reason, created_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(version, stored, RuleSet.checksumOf(stored), "system", "stored by an earlier release",
                        Timestamp.from(Instant.now())).update();

        String migration = new ClassPathResource("db/migration/V42__routing_fact_enums.sql")
                .getContentAsString(StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
        for (String statement : migration.split(";")) {
            if (!statement.isBlank()) {
                jdbc.sql(statement).update();
            }
        }

        RuleSetVersion migrated = ruleSets.version(version).orElseThrow();
        assertThat(migrated.drl()).isEqualTo(today);
        assertThat(migrated.checksum()).isEqualTo(RuleSet.checksumOf(today));
        try {
            ruleSets.activate(version, "supervisor", "the migrated version");
            ruleSets.applyNow();
            RoutingDecision vip = routing.decide(CASE, new RoutingFacts(
                    new CaseFacts(io.omnicase.routing.facts.Channel.CHAT, CaseStatus.NEW, 0, 1, 0, 0, SentimentTrend.STEADY),
                    new CustomerFacts(Tier.VIP, 1, 1, 0), new MessageFacts("Where is my parcel?", 0)));
            assertThat(vip.ruleSetVersion()).isEqualTo(migrated.label());
            assertThat(vip.rulesFired()).anySatisfy(rule -> assertThat(rule).contains("VIP"));
        } finally {
            ruleSets.activate(before.version(), "supervisor", "back to the shipped table");
            ruleSets.applyNow();
        }
    }

    /** A standard customer's first message, on a new email case, that says it is urgent. */
    private static RoutingFacts urgentMessage() {
        return new RoutingFacts(new CaseFacts(io.omnicase.routing.facts.Channel.EMAIL, CaseStatus.NEW, 0, 1, 0, -0.3, SentimentTrend.STEADY),
                new CustomerFacts(Tier.STANDARD, 1, 1, 0),
                new MessageFacts("URGENT: my router is down and I cannot work, please help", -0.3));
    }
}
