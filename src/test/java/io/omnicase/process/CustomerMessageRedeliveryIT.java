package io.omnicase.process;

import io.omnicase.cases.MessageReceived;
import io.omnicase.customers.Channel;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import io.omnicase.support.CustomerMessages;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** A customer message the case process already took is not taken again when its event is delivered again. */
@RunningOmnicase
class CustomerMessageRedeliveryIT {

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;
    @Autowired
    HistoryService history;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    ManagementService management;

    /**
     * A message that comes while the case's assessment job waits (here: held by suspending the job definition) cannot
     * be taken then; when the assessment commits, the process takes the case's newest message at once. The message
     * here is stored without any event, so only that handover can bring it to the process: before it, such a message
     * waited for its own delivery's retries and redelivery (issue 18).
     */
    @Test
    void aMessageThatCameDuringTheAssessmentIsTakenWhenTheAssessmentEnds() {
        SelfServiceCase started = aCaseInSelfService("assessed-");

        long third;
        management.suspendJobDefinitionById(started.assessment(), false);
        try {
            long second = secondMessageTaken(started);
            // The process now waits for its assessment job (suspended), not for a message.
            jdbc.sql("INSERT INTO interactions (case_id, kind, channel, author, body, provider_message_id, occurred_at, "
                            + "recorded_at) VALUES (?, 'INBOUND', 'EMAIL', ?, 'Sorry, I found it myself.', ?, NOW(6), NOW(6))")
                    .params(started.caseId(), started.address(), "handover-" + started.address()).update();
            third = latestInbound(started.caseId());
            assertThat(third).isGreaterThan(second);
            assertThat(takenBy(started.instance())).isEqualTo(second);
        } finally {
            management.activateJobDefinitionById(started.assessment(), true);
        }

        long newest = third;
        await().atMost(Duration.ofSeconds(30)).until(() -> takenBy(started.instance()) == newest);
    }

    /**
     * A message whose delivery comes while the assessment job waits is deferred, not failed: one debug line, no warning
     * (a drain used to log one per such message), and no retry; its publication stays incomplete until the process has
     * taken it, which the assessment's end does.
     */
    @Test
    void aDeliveryDuringTheAssessmentIsDeferredQuietlyAndTheMessageTakenWhenTheAssessmentEnds() {
        SelfServiceCase started = aCaseInSelfService("deferred-");

        ch.qos.logback.classic.Logger redelivery = (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory
                .getLogger("io.omnicase.EventRedelivery");
        ch.qos.logback.classic.Level level = redelivery.getLevel();
        ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> lines =
                new ch.qos.logback.core.read.ListAppender<>();
        lines.start();
        redelivery.addAppender(lines);
        redelivery.setLevel(ch.qos.logback.classic.Level.DEBUG);
        String ofThisCase = "case " + started.caseId() + " ";
        long third;
        management.suspendJobDefinitionById(started.assessment(), false);
        try {
            long second = secondMessageTaken(started);
            CustomerMessages.write(port, "EMAIL", started.address(), "Sorry, I found it myself.", started.thread());
            third = latestInbound(started.caseId());
            await().atMost(Duration.ofSeconds(30)).until(() -> linesOf(lines).stream().anyMatch(
                    line -> line.getLevel() == ch.qos.logback.classic.Level.DEBUG
                            && line.getFormattedMessage().contains(ofThisCase)
                            && line.getFormattedMessage().contains("deferred")));
            assertThat(linesOf(lines)).noneMatch(line -> line.getLevel().isGreaterOrEqual(
                    ch.qos.logback.classic.Level.WARN) && line.getFormattedMessage().contains(ofThisCase));
            assertThat(pendingDeliveriesToTheProcess(third)).isEqualTo(1);
            assertThat(takenBy(started.instance())).isEqualTo(second);
        } finally {
            management.activateJobDefinitionById(started.assessment(), true);
            redelivery.detachAppender(lines);
            redelivery.setLevel(level);
        }

        long newest = third;
        await().atMost(Duration.ofSeconds(30)).until(() -> takenBy(started.instance()) == newest);
        await().atMost(Duration.ofSeconds(30)).until(() -> pendingDeliveriesToTheProcess(newest) == 0);
    }

    /** A new customer's case whose process waits in self-service, and the job definition of its assessment. */
    private record SelfServiceCase(String address, String thread, long caseId, String instance, String assessment) {
    }

    private SelfServiceCase aCaseInSelfService(String prefix) {
        String address = prefix + System.nanoTime() + "@example.com";
        String thread = "thread-" + address;
        long caseId = CustomerMessages.write(port, "EMAIL", address, "Where can I download my invoice?", thread);
        String instance = await().atMost(Duration.ofSeconds(30)).until(() -> runtime.createProcessInstanceQuery()
                .processInstanceBusinessKey(String.valueOf(caseId)).singleResult(), java.util.Objects::nonNull).getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> runtime.getActiveActivityIds(instance)
                .contains(CustomerCaseProcess.Elements.evg_self_service.id()));
        String processDefinition = runtime.createProcessInstanceQuery().processInstanceId(instance).singleResult()
                .getProcessDefinitionId();
        String assessment = management.createJobDefinitionQuery().processDefinitionId(processDefinition)
                .activityIdIn(CustomerCaseProcess.Elements.task_assess_case.id()).singleResult().getId();
        return new SelfServiceCase(address, thread, caseId, instance, assessment);
    }

    /** The customer writes again on the case's thread; answers that message once the process has taken it. */
    private long secondMessageTaken(SelfServiceCase started) {
        assertThat(CustomerMessages.write(port, "EMAIL", started.address(), "It is for my order of last week.",
                started.thread())).isEqualTo(started.caseId());
        long second = latestInbound(started.caseId());
        await().atMost(Duration.ofSeconds(30)).until(() -> second == takenBy(started.instance()));
        return second;
    }

    /** What the appender caught so far; it appends under its own lock, from any thread. */
    private static java.util.List<ch.qos.logback.classic.spi.ILoggingEvent> linesOf(
            ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> appender) {
        synchronized (appender) {
            return java.util.List.copyOf(appender.list);
        }
    }

    private long latestInbound(long caseId) {
        return jdbc.sql("SELECT MAX(id) FROM interactions WHERE case_id = ? AND kind = 'INBOUND'").param(caseId)
                .query(Long.class).single();
    }

    private long takenBy(String instance) {
        Object taken = runtime.getVariable(instance, CustomerCaseProcess.Variables.LAST_CUSTOMER_MESSAGE);
        return taken == null ? -1 : ((Number) taken).longValue();
    }

    @Test
    void aMessageDeliveredAgainToAHandledCaseIsNotTakenASecondTime() {
        QueueCase handled = QueueCases.escalatedIn(port, "billing");
        QueueCases.customerWrites(port, handled, "Any news on my refund?");
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey(CustomerCaseProcess.KEY)
                .processInstanceBusinessKey(String.valueOf(handled.caseId())).singleResult().getId();
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesTakenWhileHandled(instance) == 1);
        long latest = latestInbound(handled.caseId());

        transactions.executeWithoutResult(tx -> events.publishEvent(
                new MessageReceived(handled.caseId(), latest, handled.customerId(), Channel.EMAIL, false)));

        await().atMost(Duration.ofSeconds(30)).until(() -> pendingDeliveriesToTheProcess(latest) == 0);
        assertThat(messagesTakenWhileHandled(instance)).isEqualTo(1);
    }

    /**
     * Deliveries of one message at the same moment (a redelivery racing the first delivery, two
     * nodes): one takes it. A kill -9 fault run once saw two reassessments of one message this way.
     */
    @Test
    void aMessageDeliveredManyTimesAtOnceIsTakenOnce() throws Exception {
        QueueCase handled = QueueCases.escalatedIn(port, "billing");
        String instance = runtime.createProcessInstanceQuery().processDefinitionKey(CustomerCaseProcess.KEY)
                .processInstanceBusinessKey(String.valueOf(handled.caseId())).singleResult().getId();
        QueueCases.customerWrites(port, handled, "Is there any news on my refund?");
        long latest = latestInbound(handled.caseId());

        int copies = 8;
        java.util.concurrent.ExecutorService senders = java.util.concurrent.Executors.newFixedThreadPool(copies);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try {
            java.util.List<java.util.concurrent.Future<?>> sent = new java.util.ArrayList<>();
            for (int i = 0; i < copies; i++) {
                sent.add(senders.submit(() -> {
                    start.await();
                    transactions.executeWithoutResult(tx -> events.publishEvent(
                            new MessageReceived(handled.caseId(), latest, handled.customerId(), Channel.EMAIL, false)));
                    return null;
                }));
            }
            start.countDown();
            for (java.util.concurrent.Future<?> f : sent) {
                f.get();
            }
        } finally {
            senders.shutdown();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> pendingDeliveriesToTheProcess(latest) == 0);
        assertThat(messagesTakenWhileHandled(instance)).isEqualTo(1);
    }

    private long messagesTakenWhileHandled(String instance) {
        return history.createHistoricActivityInstanceQuery().processInstanceId(instance)
                .activityId(CustomerCaseProcess.Elements.msg_customer_message_handled.id()).count();
    }

    private int pendingDeliveriesToTheProcess(long messageId) {
        return jdbc.sql("SELECT COUNT(*) FROM EVENT_PUBLICATION WHERE LISTENER_ID LIKE '%CaseProcessStarter%'"
                        + " AND SERIALIZED_EVENT LIKE ?")
                .param("%\"messageId\":" + messageId + ",%").query(Integer.class).single();
    }
}
