package io.omnicase.routing;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.InboundMessage;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.CaseStatus;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer.Tier;
import io.omnicase.sentiment.SentimentTrend;
import io.omnicase.support.TestServers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.ApplicationModuleTest.BootstrapMode;
import org.springframework.test.context.ContextConfiguration;

import java.time.Instant;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The routing module with the modules it asks for facts (cases, customers, sentiment, and what they use): its rule sets
 * live in the database, a supervisor's new table decides at once on this node, a rollback brings the earlier decisions
 * back, and routing a case records the decision once, on the case. Runs against the real MariaDB server, in a database
 * of its own (see {@link TestServers#moduleProperties()}).
 */
@ApplicationModuleTest(mode = BootstrapMode.ALL_DEPENDENCIES)
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

    /** A standard customer's first message, on a new email case, that says it is urgent. */
    private static RoutingFacts urgentMessage() {
        return new RoutingFacts(new CaseFacts(Channel.EMAIL, CaseStatus.NEW, 0, 1, 0, -0.3, SentimentTrend.STEADY),
                new CustomerFacts(Tier.STANDARD, 1, 1, 0),
                new MessageFacts("URGENT: my router is down and I cannot work, please help", -0.3));
    }
}
