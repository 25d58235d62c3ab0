package io.omnicase.supervision;

import io.omnicase.support.Timelines;
import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.routing.Priority;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A supervisor's change of priority on the live floor moves the case's SLA deadline: the new priority's SLA counted
 * from when the case reached its queue, seen by the floor (row, at-risk/breached counts), the desk's list and the SLA
 * timer of the case process; the timeline names the old and the new deadline and the audit trail records it.
 */
@RunningOmnicase
class PriorityMovesSlaIT {

    @LocalServerPort
    int port;

    @Autowired
    TaskService camundaTasks;

    @Autowired
    ManagementService camundaManagement;

    @Autowired
    JdbcClient jdbc;

    @Test
    void raisingThePriorityBringsTheDeadlineForwardAndLoweringItPushesItBack() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api supervisor = Api.as(port, "supervisor");
        Sla sla = slaBelow(supervisor, billing, Priority.URGENT);
        Instant created = sla.created();
        Instant dueBefore = sla.due();

        Api.Response raised = supervisor.postJson("/api/supervisor/cases/" + billing.caseId() + "/priority",
                Map.of("priority", "URGENT", "reason", "Customer threatens to leave"));

        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        Instant urgentDue = created.plus(Priority.URGENT.sla());
        assertThat(Instant.parse(raised.json().get("slaDue").asText())).as("the answer's row").isEqualTo(urgentDue)
                .isBefore(dueBefore);
        assertThat(Instant.parse(floorRow(supervisor, billing.caseId()).get("slaDue").asText())).as("the floor")
                .isEqualTo(urgentDue);
        assertThat(Instant.parse(deskRow(Api.as(port, "agent"), billing.taskId()).get("slaDue").asText()))
                .as("the desk's list").isEqualTo(urgentDue);
        assertThat(slaTimerDue(billing.taskId())).as("the process's SLA timer").isEqualTo(urgentDue);
        JsonNode timeline = supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json();
        assertThat(Timelines.texts(timeline, "ROUTING")).anySatisfy(text -> assertThat(text)
                .contains("→ urgent, SLA due " + minute(dueBefore) + " UTC → ")
                .contains(minute(urgentDue).substring(11) + " UTC by Sara Supervisor: Customer threatens to leave"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditEntries(billing.caseId(), "case.sla-changed"))
                .anySatisfy(entry -> {
                    assertThat(entry.path("actor").asText()).isEqualTo("supervisor");
                    assertThat(entry.path("content").path("dueBefore").asText()).isEqualTo(dueBefore.toString());
                    assertThat(entry.path("content").path("dueAfter").asText()).isEqualTo(urgentDue.toString());
                }));

        Api.Response lowered = supervisor.postJson("/api/supervisor/cases/" + billing.caseId() + "/priority",
                Map.of("priority", "LOW", "reason", "Customer is on holiday, asked us to wait"));

        assertThat(lowered.status()).as(lowered.toString()).isEqualTo(200);
        Instant lowDue = created.plus(Priority.LOW.sla());
        assertThat(Instant.parse(lowered.json().get("slaDue").asText())).isEqualTo(lowDue).isAfter(dueBefore);
        assertThat(slaTimerDue(billing.taskId())).isEqualTo(lowDue);
    }

    @Test
    void raisingThePriorityOfACaseThatWaitedLongerThanTheNewSlaBreachesItAtOnce() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        // The case reached its queue two hours ago: within any SLA but URGENT's one hour.
        Instant reached = Instant.now().minus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        jdbc.sql("UPDATE " + camundaManagement.getTableName(TaskEntity.class) + " SET CREATE_TIME_ = ? WHERE ID_ = ?")
                .params(Timestamp.from(reached), billing.taskId()).update();
        Api supervisor = Api.as(port, "supervisor");
        assertThat(floorRow(supervisor, billing.caseId()).get("slaState").asText()).isEqualTo("ok");
        int breachedBefore = breached(supervisor, "billing");

        Api.Response raised = supervisor.postJson("/api/supervisor/cases/" + billing.caseId() + "/priority",
                Map.of("priority", "URGENT", "reason", "VIP customer, waited far too long"));

        assertThat(raised.status()).as(raised.toString()).isEqualTo(200);
        assertThat(Instant.parse(raised.json().get("slaDue").asText())).isEqualTo(reached.plus(Duration.ofHours(1)));
        assertThat(raised.json().get("slaState").asText()).isEqualTo("breached");
        assertThat(breached(supervisor, "billing")).as("the floor's breached count").isGreaterThan(breachedBefore);
        // The moved SLA timer is due already: the case process records the breach.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(Timelines.texts(
                supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json(), "STATUS"))
                .anySatisfy(text -> assertThat(text).startsWith("SLA breached")));
    }

    /**
     * Routing raises a case's priority when the customer writes again (here: they mean to leave): the SLA deadline and
     * the process's SLA timer move as for a supervisor's change, and the timeline and the audit trail say so.
     */
    @Test
    void routingRaisingThePriorityOnTheCustomersNextMessageMovesTheDeadlineToo() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Api supervisor = Api.as(port, "supervisor");
        Sla sla = slaBelow(supervisor, billing, Priority.HIGH);
        Instant dueBefore = sla.due();
        Instant highDue = sla.created().plus(Priority.HIGH.sla());
        assertThat(highDue).isBefore(dueBefore);

        QueueCases.customerWrites(port, billing, "This is the last straw, I am cancelling my contract and switching to "
                + "another provider (reference " + billing.marker() + ")");

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(slaTimerDue(billing.taskId())).as("the process's SLA timer").isEqualTo(highDue));
        assertThat(Instant.parse(floorRow(supervisor, billing.caseId()).get("slaDue").asText())).as("the floor")
                .isEqualTo(highDue);
        assertThat(Timelines.texts(supervisor.get("/api/cases/" + billing.caseId() + "/timeline").json(), "ROUTING"))
                .anySatisfy(text -> assertThat(text).contains("SLA due " + minute(dueBefore) + " UTC → ")
                        .contains(minute(highDue).substring(11) + " UTC by routing"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(auditEntries(billing.caseId(), "case.sla-changed"))
                .anySatisfy(entry -> {
                    assertThat(entry.path("actor").asText()).isEqualTo("routing");
                    assertThat(entry.path("content").path("dueAfter").asText()).isEqualTo(highDue.toString());
                }));
    }

    /** When a case reached its queue and its SLA deadline, as the floor shows them; its priority is below {@code than}. */
    private record Sla(Instant created, Instant due) {
    }

    private Sla slaBelow(Api supervisor, QueueCase queueCase, Priority than) {
        JsonNode row = floorRow(supervisor, queueCase.caseId());
        assertThat(row.get("priority").asInt()).isLessThan(than.taskPriority());
        return new Sla(Instant.parse(row.get("created").asText()), Instant.parse(row.get("slaDue").asText()));
    }

    private JsonNode floorRow(Api supervisor, long caseId) {
        List<JsonNode> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            found.clear();
            supervisor.get("/api/supervisor/floor").json().get("conversations").forEach(row -> {
                if (row.get("caseId").asLong() == caseId) {
                    found.add(row);
                }
            });
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private static JsonNode deskRow(Api agent, String taskId) {
        for (JsonNode task : agent.get("/api/desk/tasks").json()) {
            if (taskId.equals(task.path("taskId").asText())) {
                return task;
            }
        }
        throw new AssertionError("task " + taskId + " is not on the desk's list");
    }

    private static int breached(Api supervisor, String queue) {
        for (JsonNode figures : supervisor.get("/api/supervisor/floor").json().get("queues")) {
            if (queue.equals(figures.get("queue").asText())) {
                return figures.get("breached").asInt();
            }
        }
        throw new AssertionError("queue " + queue + " is not on the floor");
    }

    private Instant slaTimerDue(String taskId) {
        Task task = camundaTasks.createTaskQuery().taskId(taskId).singleResult();
        Optional<Job> timer = camundaManagement.createJobQuery().processInstanceId(task.getProcessInstanceId())
                .activityId("timer_sla").timers().list().stream().findFirst();
        return timer.map(job -> job.getDuedate().toInstant()).orElseThrow(() -> new AssertionError("no SLA timer"));
    }

    private List<JsonNode> auditEntries(long caseId, String kind) {
        List<JsonNode> entries = new ArrayList<>();
        Api.as(port, "auditor").get("/api/audit/cases/" + caseId + "/trace").json().get("entries").forEach(entry -> {
            if (kind.equals(entry.path("kind").asText())) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static String minute(Instant at) {
        return at.toString().substring(0, 16).replace('T', ' ');
    }

}
