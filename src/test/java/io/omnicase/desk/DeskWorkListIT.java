package io.omnicase.desk;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.support.Api;
import io.omnicase.support.QueueCases;
import io.omnicase.support.QueueCases.QueueCase;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.time.Instant;
import java.util.stream.StreamSupport;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The desk's work list, read in one query from the engine on the real MariaDB: each task shows its case, queue,
 * priority and the moment its SLA runs out, as the case process holds them.
 */
@RunningOmnicase
class DeskWorkListIT {

    @LocalServerPort
    int port;

    @Autowired
    TaskService camundaTasks;

    @Autowired
    RuntimeService camundaRuntime;

    @Test
    void aTaskOfMyQueueShowsItsCaseQueuePriorityAndSlaDeadline() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");
        Task task = camundaTasks.createTaskQuery().taskId(billing.taskId()).singleResult();
        Duration sla = Duration.parse((String) camundaRuntime.getVariable(task.getProcessInstanceId(), "slaDuration"));

        JsonNode listed = listedTask(Api.as(port, "agent").get("/api/desk/tasks").json(), billing.taskId());

        assertThat(listed.get("caseId").asLong()).isEqualTo(billing.caseId());
        assertThat(listed.get("queue").asText()).isEqualTo("billing");
        assertThat(listed.get("priority").asInt()).isEqualTo(task.getPriority());
        assertThat(listed.get("name").asText()).isEqualTo(task.getName()).contains("#" + billing.caseId());
        assertThat(listed.path("assignee").asText(null)).as("no one holds it").isNull();
        Instant created = Instant.parse(listed.get("created").asText());
        assertThat(created).isEqualTo(task.getCreateTime().toInstant());
        assertThat(Instant.parse(listed.get("slaDue").asText())).isEqualTo(created.plus(sla));
    }

    @Test
    void aClaimedTaskStaysOnTheListOfWhoClaimedItOnly() {
        QueueCase billing = QueueCases.escalatedIn(port, "billing");

        JsonNode claimed = Api.as(port, "agent").post("/api/desk/tasks/" + billing.taskId() + "/claim",
                "application/json", "").json();

        assertThat(claimed.get("assignee").asText()).isEqualTo("agent");
        assertThat(claimed.get("caseId").asLong()).isEqualTo(billing.caseId());
        assertThat(listedTask(Api.as(port, "agent").get("/api/desk/tasks").json(), billing.taskId())
                .get("assignee").asText()).isEqualTo("agent");
        assertThat(taskIds(Api.as(port, "senior").get("/api/desk/tasks").json())).doesNotContain(billing.taskId());
    }

    private static JsonNode listedTask(JsonNode list, String taskId) {
        return StreamSupport.stream(list.spliterator(), false).filter(t -> taskId.equals(t.get("taskId").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("Task " + taskId + " is not on the list " + list));
    }

    private static java.util.List<String> taskIds(JsonNode list) {
        return StreamSupport.stream(list.spliterator(), false).map(t -> t.get("taskId").asText()).toList();
    }
}
