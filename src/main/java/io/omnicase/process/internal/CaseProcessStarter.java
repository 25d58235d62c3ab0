package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.MessageReceived;
import io.omnicase.process.CaseProcessStarted;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.process.CustomerCaseProcess.Messages;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Component;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a case's process on its first message and hands later messages to the running process. Runs after the
 * intake transaction commits. When the process cannot take the message yet (it is still starting, or between wait
 * states while its assessment job runs), the delivery is deferred: the assessment's end hands the process the case's
 * newest message ({@link NewestMessageHandover}), and the event publication stays incomplete, so the registry
 * delivers it again ({@code omnicase.events.redeliver-after}) in case that handover never comes (a node that died,
 * a model without an assessment). A message is taken at most once: the process remembers the latest message it took
 * ({@link CustomerCaseProcess#LAST_CUSTOMER_MESSAGE}) and the correlation sets it only if nobody else did meanwhile.
 */
@Component
class CaseProcessStarter {

    private final RuntimeService runtime;
    private final CaseManagement cases;
    private final Duration selfServiceTimeout;
    private final Duration autoCloseAfter;

    private final org.camunda.bpm.engine.RepositoryService repository;
    /** A deployed definition's version never changes: read once per definition, not once per case (issue 18). */
    private final Map<String, Integer> versions = new java.util.concurrent.ConcurrentHashMap<>();
    /** A handover, like a delivery, takes the case's lock first (see {@link #on}). */
    private final org.springframework.transaction.support.TransactionTemplate inTransaction;
    private final org.springframework.context.ApplicationEventPublisher events;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    CaseProcessStarter(RuntimeService runtime, org.camunda.bpm.engine.RepositoryService repository,
                       org.springframework.context.ApplicationEventPublisher events, CaseManagement cases,
                       @Value("${omnicase.case.self-service-timeout:PT24H}") Duration selfServiceTimeout,
                       @Value("${omnicase.case.auto-close-after:P7D}") Duration autoCloseAfter,
                       org.springframework.transaction.PlatformTransactionManager transactions,
                       org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.inTransaction = new org.springframework.transaction.support.TransactionTemplate(transactions);
        this.runtime = runtime;
        this.repository = repository;
        this.events = events;
        this.cases = cases;
        this.selfServiceTimeout = selfServiceTimeout;
        this.autoCloseAfter = autoCloseAfter;
    }

    @ApplicationModuleListener
    void on(MessageReceived message) {
        // One delivery per case at a time. Two deliveries of a case's first message at once (two nodes redelivering,
        // a redelivery racing the first delivery) would both find no process and start two; two of a later message
        // would both read the message before it as the latest taken and, in repeatable read, both correlate (seen
        // after a kill -9: retries of an earlier delivery firing with a redelivery as the process reached its wait
        // state; two reassessments). The second waits here, and as the lock is its transaction's first statement, its
        // first read (its snapshot) comes after the first delivery's commit.
        deliverLocked(message);
    }

    /** Takes the case's row lock (until the caller's transaction ends), then delivers: see {@link #on}. */
    private void deliverLocked(MessageReceived message) {
        cases.lockUntilCommit(new CaseId(message.caseId()));
        deliver(message);
    }

    private void deliver(MessageReceived message) {
        CaseId caseId = new CaseId(message.caseId());
        Running running = running(caseId);
        if (running == null) {
            if (message.newCase()) {
                ProcessInstance started = runtime.createProcessInstanceByKey(CustomerCaseProcess.KEY)
                        .businessKey(caseId.businessKey())
                        .setVariables(startVariables(message))
                        .execute();
                events.publishEvent(new CaseProcessStarted(caseId.value(), started.getId(), CustomerCaseProcess.KEY,
                        versions.computeIfAbsent(started.getProcessDefinitionId(),
                                id -> repository.getProcessDefinition(id).getVersion()),
                        started.getProcessDefinitionId()));
                return;
            }
            if (cases.find(caseId).map(c -> c.status() == CaseStatus.CLOSED).orElse(true)) {
                return;
            }
            // The first message's delivery starts it; that process's assessment hands over the newest message.
            throw new ProcessNotReadyException("The process of case " + caseId.value() + " has not started yet");
        }
        if (message.newCase()) {
            return; // delivered again after the process had been started
        }
        if (message.confirmation()) {
            return; // a thank-you on a resolved case: it stays resolved (intake noted it), its process waits on
        }
        if (!handOver(running, message.messageId())) {
            if (continuationDue(running)) {
                // Its assessment is due or running (pipeline, issue 18: most failed deliveries of a drain, each tried
                // again eleven times in 30 s before the handover existed). That assessment's end hands it over.
                throw new ProcessNotReadyException("The process of case " + caseId.value() + " is not waiting for a "
                        + "message yet; it takes the newest when its assessment ends");
            }
            throw new IllegalStateException("The process of case " + caseId.value() + " waits for no customer message "
                    + "and has no job due; the message is delivered again");
        }
    }

    /**
     * Hands the case's newest customer message to its process if the process has not taken it and waits for one. Runs
     * when the case's assessment has committed ({@link NewestMessageHandover}): a message that came while the
     * assessment job waited or ran could not be taken then, and its own delivery is only tried again by the registry's
     * redelivery, half a minute later (issue 18: most of a drain's deferred deliveries).
     */
    void deliverNewest(CaseId caseId) {
        inTransaction.executeWithoutResult(tx -> {
            cases.lockUntilCommit(caseId);
            Running running = running(caseId);
            java.util.OptionalLong newest = cases.latestCustomerMessageId(caseId);
            if (running != null && newest.isPresent()) {
                // Not waiting (a later assessment is already due): that assessment's end hands it over.
                handOver(running, newest.getAsLong());
            }
        });
    }

    /**
     * Correlates the message unless the process took it or a later one; false when the process is not waiting for a
     * customer message now.
     */
    private boolean handOver(Running running, long messageId) {
        Long taken = running.lastCustomerMessage();
        if (taken != null && taken >= messageId) {
            return true; // taken already (a redelivery), or a later message was: the process reads the case from MariaDB
        }
        // What the engine's correlation does, without its execution query: that query built its dynamic SQL through
        // MyBatis and OGNL on every handover, about 5 % of the drain's CPU (issue 18, JFR profile of 3 December). The
        // waiting executions are read with one plain join, and each is handed the message as correlation would hand it
        // (MessageEventReceivedCmd, with the variable). Every handover holds the case's row lock (its callers), so the
        // message taken, read above under that lock, cannot have changed since: no compare-and-set is needed.
        List<String> waiting = waitingForCustomerMessage(running.id());
        for (int i = 0; i < waiting.size(); i++) {
            String execution = waiting.get(i);
            if (i > 0 && !waitingForCustomerMessage(running.id()).contains(execution)) {
                continue; // the first one's path ended this wait (an event-based gateway)
            }
            runtime.messageEventReceived(Messages.CUSTOMER_MESSAGE, execution,
                    Map.of(CustomerCaseProcess.Variables.LAST_CUSTOMER_MESSAGE, messageId));
        }
        return !waiting.isEmpty();
    }

    /** The executions of the process instance that wait for a customer's message, oldest subscription first. */
    private List<String> waitingForCustomerMessage(String processInstanceId) {
        return jdbc.sql("SELECT s.EXECUTION_ID_ FROM ACT_RU_EXECUTION e JOIN ACT_RU_EVENT_SUBSCR s ON s.EXECUTION_ID_ = e.ID_ "
                        + "WHERE e.PROC_INST_ID_ = ? AND s.EVENT_TYPE_ = 'message' AND s.EVENT_NAME_ = ? ORDER BY s.CREATED_, s.ID_")
                .params(processInstanceId, Messages.CUSTOMER_MESSAGE).query(String.class).list();
    }

    /**
     * Whether the process has an asynchronous continuation due (queued, running or failed): it is between wait states
     * and moves on by itself; otherwise it waits somewhere no customer message is taken (a model that does not).
     */
    private boolean continuationDue(Running running) {
        return jdbc.sql("SELECT COUNT(*) FROM ACT_RU_JOB WHERE PROCESS_INSTANCE_ID_ = ? AND HANDLER_TYPE_ = 'async-continuation'")
                .param(running.id()).query(Long.class).single() > 0;
    }

    /** A case's running process instance and the latest customer message it took (null: none yet). */
    private record Running(String id, Long lastCustomerMessage) {
    }

    /**
     * The case's running process and the latest message it took, in one plain read of the engine's tables. The
     * engine's query API and its variable read evaluated their dynamic SQL on every delivery and every retry:
     * an eighth of the after-commit CPU in the drain's profile (issue 18). Read in the caller's transaction, after
     * the case's lock, as those were.
     */
    private Running running(CaseId caseId) {
        List<Running> found = jdbc.sql("SELECT e.ID_, v.LONG_ FROM ACT_RU_EXECUTION e "
                        + "JOIN ACT_RE_PROCDEF d ON d.ID_ = e.PROC_DEF_ID_ AND d.KEY_ = ? "
                        + "LEFT JOIN ACT_RU_VARIABLE v ON v.EXECUTION_ID_ = e.ID_ AND v.NAME_ = ? "
                        + "WHERE e.BUSINESS_KEY_ = ? AND e.ID_ = e.PROC_INST_ID_")
                .params(CustomerCaseProcess.KEY, CustomerCaseProcess.Variables.LAST_CUSTOMER_MESSAGE, caseId.businessKey())
                .query((rs, n) -> new Running(rs.getString(1), rs.getObject(2) == null ? null : rs.getLong(2))).list();
        if (found.size() > 1) {
            throw new IllegalStateException("Case " + caseId.value() + " has " + found.size() + " running processes");
        }
        return found.isEmpty() ? null : found.get(0);
    }

    /** The periods the model's timers read, from configuration, and the message the process starts with. */
    private Map<String, Object> startVariables(MessageReceived message) {
        Map<String, Object> variables = new HashMap<>();
        CustomerCaseProcess.SELF_SERVICE_TIMEOUT.put(variables, selfServiceTimeout);
        CustomerCaseProcess.AUTO_CLOSE_AFTER.put(variables, autoCloseAfter);
        CustomerCaseProcess.LAST_CUSTOMER_MESSAGE.put(variables, message.messageId());
        return variables;
    }

    /** The process cannot take the message yet, and will take it by itself; the event is delivered again all the same. */
    static class ProcessNotReadyException extends io.omnicase.outbox.DeliveryDeferred {
        ProcessNotReadyException(String message) {
            super(message);
        }
    }
}
