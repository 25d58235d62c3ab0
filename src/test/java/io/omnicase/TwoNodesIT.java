package io.omnicase;

import io.omnicase.customers.Channel;
import io.omnicase.cases.MessageReceived;
import io.omnicase.cluster.ClusterLock;
import io.omnicase.support.Api;
import io.omnicase.support.CustomerMessages;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.core.EventPublicationRegistry;
import org.springframework.modulith.events.core.PublicationTargetIdentifier;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.util.ClassUtils;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several app nodes on one database (faults, issue 18): a node that dies leaves event publications incomplete, and the
 * nodes that live on deliver them, each publication by one node, with its effect once; scheduled work that must run
 * once runs on one node.
 */
@RunningOmnicase
class TwoNodesIT {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    EventPublicationRegistry registry;

    @Autowired
    org.springframework.context.ApplicationContext context;

    @Autowired
    @Qualifier("eventExecutor")
    Executor eventExecutor;

    @Autowired
    @Qualifier("eventExecutor")
    org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor eventPool;

    @Autowired
    @Qualifier("historyExecutor")
    org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor historyPool;

    @Autowired
    org.springframework.core.env.Environment environment;

    @Autowired
    EventRedelivery redelivery;

    @Autowired
    RuntimeService runtime;

    @Autowired
    PlatformTransactionManager transactions;

    /**
     * The first message of a case whose process never started, as a node that died right after the intake commit leaves
     * it: its publication is minutes old. This node and "another node" look for stale publications at the same moment:
     * one of them claims it, and the case gets one process and one routing decision, not two.
     */
    @Test
    void aPublicationAnotherNodeLeftIncompleteIsCompletedByOneNodeExactlyOnce() throws Exception {
        String address = "orphan-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        Api.Response accepted = Api.as(port, "gateway").postJson("/api/messages",
                CustomerMessages.message("EMAIL", address, "My invoice is wrong, I want to talk to a person", null));
        assertThat(accepted.status()).isEqualTo(202);
        long caseId = accepted.json().get("caseId").asLong();
        await().atMost(Duration.ofSeconds(90)).until(() -> decisions(caseId) == 1 && processes(caseId) == 1);
        // The node that "died" had stored the message but not started the process: take the process away again.
        String processId = runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(caseId)).singleResult().getId();
        runtime.deleteProcessInstance(processId, "the node died before it started the process", true, true);
        assertThat(processes(caseId)).isZero();

        long messageId = jdbc.sql("SELECT id FROM interactions WHERE case_id = ? AND kind = 'INBOUND'").param(caseId).query(Long.class).single();
        long customerId = jdbc.sql("SELECT customer_id FROM cases WHERE id = ?").param(caseId).query(Long.class).single();
        MessageReceived first = new MessageReceived(caseId, messageId, customerId, Channel.EMAIL, true);
        Method listener = Class.forName("io.omnicase.process.internal.CaseProcessStarter").getDeclaredMethod("on", MessageReceived.class);
        String listenerId = ClassUtils.getQualifiedMethodName(listener) + "(" + MessageReceived.class.getName() + ")";
        String publicationId = new TransactionTemplate(transactions).execute(tx -> registry
                .store(first, Stream.of(PublicationTargetIdentifier.of(listenerId))).iterator().next().getIdentifier().toString());
        jdbc.sql("UPDATE EVENT_PUBLICATION SET PUBLICATION_DATE = NOW(6) - INTERVAL 10 MINUTE WHERE ID = ?").param(publicationId).update();

        EventRedelivery otherNode = new EventRedelivery(registry, context, environment, Duration.ofSeconds(30), 2000, 20,
                Duration.ofMinutes(30), eventExecutor, eventPool, provider(historyPool), jdbc,
                provider(new ClusterLock(jdbc, "another-node-" + UUID.randomUUID())));
        CompletableFuture<EventRedelivery.Claimed> here = CompletableFuture.supplyAsync(redelivery::claimStale);
        CompletableFuture<EventRedelivery.Claimed> there = CompletableFuture.supplyAsync(otherNode::claimStale);
        boolean claimedHere = here.get().ids().contains(publicationId);
        boolean claimedThere = there.get().ids().contains(publicationId);
        assertThat(claimedHere ^ claimedThere).as("exactly one node claims the publication").isTrue();
        // Both nodes deliver what they claimed (this node's schedule may do so too: the effect must still be once).
        CompletableFuture.allOf(CompletableFuture.runAsync(redelivery::redeliver), CompletableFuture.runAsync(otherNode::redeliver)).get();

        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE ID = ? "
                + "AND COMPLETION_DATE IS NULL").param(publicationId).query(Integer.class).single() == 0);
        await().atMost(Duration.ofSeconds(60)).until(() -> decisions(caseId) == 2);
        assertThat(processes(caseId)).isEqualTo(1);
        // Delivered again, by either node: still one process, no third decision.
        new TransactionTemplate(transactions).executeWithoutResult(tx -> registry
                .store(first, Stream.of(PublicationTargetIdentifier.of(listenerId))));
        jdbc.sql("UPDATE EVENT_PUBLICATION SET PUBLICATION_DATE = NOW(6) - INTERVAL 10 MINUTE WHERE COMPLETION_DATE IS NULL "
                + "AND SERIALIZED_EVENT LIKE ?").param("%\"messageId\":" + messageId + ",%").update();
        CompletableFuture.allOf(CompletableFuture.runAsync(redelivery::redeliver), CompletableFuture.runAsync(otherNode::redeliver)).get();
        await().atMost(Duration.ofSeconds(90)).until(() -> jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE COMPLETION_DATE IS NULL "
                + "AND SERIALIZED_EVENT LIKE ?").param("%\"messageId\":" + messageId + ",%").query(Integer.class).single() == 0);
        assertThat(processes(caseId)).isEqualTo(1);
        assertThat(decisions(caseId)).isEqualTo(2);
    }

    /**
     * Work that keeps failing is bounded: a publication is claimed for one period (30 s) for its first 20 claims, then
     * for twice as long each time, up to 30 minutes; an outage of a few minutes is still retried at the usual pace.
     */
    @Test
    void aPublicationThatKeepsFailingIsClaimedForLongerAndLongerUpToABound() throws Exception {
        String publicationId = staleFailingPublication();
        EventRedelivery node = redeliveringNode("backoff-node-");
        try {
            // Claimed before, by a node that is gone, so many times; the claim has run out. Then a node claims it again
            // (this one, or the application's own schedule: the claim is the same).
            assertThat(secondsClaimedAfter(node, publicationId, 3)).as("the 4th claim").isBetween(25L, 31L);
            assertThat(secondsClaimedAfter(node, publicationId, 20)).as("the 21st claim").isBetween(55L, 61L);
            assertThat(secondsClaimedAfter(node, publicationId, 22)).as("the 23rd claim").isBetween(235L, 241L);
            assertThat(secondsClaimedAfter(node, publicationId, 500)).as("any later claim").isBetween(1795L, 1801L);
            assertThat(jdbc.sql("SELECT attempts FROM event_redelivery_claims WHERE publication_id = ?").param(publicationId)
                    .query(Integer.class).single()).isEqualTo(501);
        } finally {
            jdbc.sql("DELETE FROM event_redelivery_claims WHERE publication_id = ?").param(publicationId).update();
            jdbc.sql("DELETE FROM EVENT_PUBLICATION WHERE ID = ?").param(publicationId).update();
        }
    }

    /**
     * A claim is one delivery: the rounds that follow (every 2 s) while the claim holds do not hand the publication over
     * again. They did: a round handed over every publication this node held a claim on, so a failing one was
     * delivered every 2 s for its whole claim, 30 minutes once it "backed off" (a chat visitor's message the model could
     * not read, probe 50: an ERROR with its stack trace every 2 s, for ever).
     */
    @Test
    void aClaimedPublicationIsHandedOverOnceNotInEveryRoundWhileTheClaimHolds() {
        // The application's own rounds are held back meanwhile, so only this node claims (claimStale itself runs).
        org.springframework.core.env.MutablePropertySources sources =
                ((org.springframework.core.env.ConfigurableEnvironment) environment).getPropertySources();
        String pause = "pause-" + UUID.randomUUID();
        sources.addFirst(new org.springframework.core.env.MapPropertySource(pause, java.util.Map.of("omnicase.events.paused", true)));
        String publicationId = staleFailingPublication();
        EventRedelivery node = redeliveringNode("once-node-");
        try {
            assertThat(node.claimStale().ids()).as("the first round").contains(publicationId);
            assertThat(node.claimStale().ids()).as("the next round, the claim still held").doesNotContain(publicationId);
            assertThat(node.claimStale().ids()).as("and the one after").doesNotContain(publicationId);
            // Its claim over, it is claimed and handed over again (once).
            jdbc.sql("UPDATE event_redelivery_claims SET claimed_until = NOW(3) - INTERVAL 1 SECOND WHERE publication_id = ?")
                    .param(publicationId).update();
            assertThat(node.claimStale().ids()).as("once the claim ran out").contains(publicationId);
            assertThat(node.claimStale().ids()).doesNotContain(publicationId);
        } finally {
            sources.remove(pause);
            jdbc.sql("DELETE FROM event_redelivery_claims WHERE publication_id = ?").param(publicationId).update();
            jdbc.sql("DELETE FROM EVENT_PUBLICATION WHERE ID = ?").param(publicationId).update();
        }
    }

    private long secondsClaimedAfter(EventRedelivery node, String publicationId, int earlierClaims) {
        jdbc.sql("INSERT INTO event_redelivery_claims (publication_id, node, claimed_until, attempts) "
                        + "VALUES (?, 'gone-node', NOW(3) - INTERVAL 1 SECOND, ?) ON DUPLICATE KEY UPDATE node = 'gone-node', "
                        + "claimed_until = NOW(3) - INTERVAL 1 SECOND, attempts = VALUES(attempts)")
                .params(publicationId, earlierClaims).update();
        node.claimStale();
        return jdbc.sql("SELECT TIMESTAMPDIFF(SECOND, NOW(3), claimed_until) FROM event_redelivery_claims "
                + "WHERE publication_id = ? AND node <> 'gone-node'").param(publicationId).query(Long.class).single();
    }

    /** Retention and the like: of two nodes whose schedules fire together, one runs the work; the lock ends by itself. */
    @Test
    void scheduledWorkThatMustRunOnceRunsOnOneNodeAtATime() {
        String work = "test-" + UUID.randomUUID();
        ClusterLock one = new ClusterLock(jdbc, "node-one");
        ClusterLock two = new ClusterLock(jdbc, "node-two");
        assertThat(one.tryLock(work, Duration.ofSeconds(2))).isTrue();
        assertThat(two.tryLock(work, Duration.ofSeconds(2))).isFalse();
        assertThat(one.tryLock(work, Duration.ofSeconds(2))).as("held, also against a second run on the same node").isFalse();
        assertThat(two.holder(work)).contains("node-one");
        // A node that died holding it holds it only until the hold ends.
        await().atMost(Duration.ofSeconds(10)).until(() -> two.tryLock(work, Duration.ofSeconds(2)));
        assertThat(one.holder(work)).contains("node-two");
    }

    private int decisions(long caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM interactions WHERE case_id = ? AND kind = 'DECISION'").param(caseId).query(Integer.class).single();
    }

    private long processes(long caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(caseId)).count();
    }

    private static <T> org.springframework.beans.factory.ObjectProvider<T> provider(T bean) {
        org.springframework.beans.factory.support.StaticListableBeanFactory beans = new org.springframework.beans.factory.support.StaticListableBeanFactory();
        beans.addBean("bean", bean);
        return beans.getBeanProvider((Class<T>) bean.getClass());
    }

    /** A publication ten minutes old for a listener no node has: every delivery of it fails. */
    private String staleFailingPublication() {
        MessageReceived never = new MessageReceived(-1, -1, -1, Channel.EMAIL, false);
        String publicationId = new TransactionTemplate(transactions).execute(tx -> registry
                .store(never, Stream.of(PublicationTargetIdentifier.of("io.omnicase.NoSuchListener.on(" + UUID.randomUUID() + ")")))
                .iterator().next().getIdentifier().toString());
        jdbc.sql("UPDATE EVENT_PUBLICATION SET PUBLICATION_DATE = NOW(6) - INTERVAL 10 MINUTE WHERE ID = ?").param(publicationId).update();
        return publicationId;
    }

    /** A redelivering node of its own name beside the application's (30 s claims, 20 flat, at most 30 minutes). */
    private EventRedelivery redeliveringNode(String name) {
        return new EventRedelivery(registry, context, environment, Duration.ofSeconds(30), 2000, 20,
                Duration.ofMinutes(30), eventExecutor, eventPool, provider(historyPool), jdbc,
                provider(new ClusterLock(jdbc, name + UUID.randomUUID())));
    }
}
