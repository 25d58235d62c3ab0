package io.omnicase.localservers;

import io.omnicase.OmnicaseApplication;
import io.omnicase.support.Api;
import io.omnicase.support.TestServers;
import io.omnicase.process.CustomerCaseProcess;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Stopping the application and its MariaDB server and starting them again keeps every case, message and process, and
 * a case's process goes on where it waited.
 */
class RestartIT {

    @Test
    void casesMessagesAndWaitingProcessesSurviveARestartOfAppAndDatabase() {
        String address = "restart-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        long caseId;
        long messageId;
        String processInstanceId;
        try (ConfigurableApplicationContext first = startApp()) {
            Api.Response accepted = Api.as(port(first), "gateway").postJson("/api/messages", Map.of("channel", "EMAIL",
                    "from", address, "text", "Where can I download my invoice?", "providerMessageId", "restart-" + address));
            assertThat(accepted.status()).isEqualTo(202);
            caseId = accepted.json().get("caseId").asLong();
            messageId = accepted.json().get("messageId").asLong();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    Api.as(port(first), "agent").get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("SELF_SERVICE"));
            // The assistant answered and the process waits for the customer's reply.
            RuntimeService runtime = first.getBean(RuntimeService.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingAt(runtime, caseId).equals(List.of(SELF_SERVICE_WAIT)));
            processInstanceId = instanceOf(runtime, caseId).getId();
        }

        TestServers.restartMariaDb();

        try (ConfigurableApplicationContext second = startApp()) {
            Api agent = Api.as(port(second), "agent");
            assertThat(agent.get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("SELF_SERVICE");
            assertThat(agent.get("/api/cases/" + caseId + "/timeline").json().get(0).get("id").asLong()).isEqualTo(messageId);
            RuntimeService runtime = second.getBean(RuntimeService.class);
            assertThat(instanceOf(runtime, caseId).getId()).isEqualTo(processInstanceId);
            Api.Response replay = Api.as(port(second), "gateway").postJson("/api/messages", Map.of("channel", "EMAIL",
                    "from", address, "text", "Where can I download my invoice?", "providerMessageId", "restart-" + address));
            assertThat(replay.status()).isEqualTo(200);
            assertThat(replay.json().get("messageId").asLong()).isEqualTo(messageId);

            // The customer confirms after the restart: the process that waited before it takes the reply and moves on.
            Api.Response confirmed = Api.as(port(second), "gateway").postJson("/api/messages", Map.of("channel", "EMAIL",
                    "from", address, "text", "Yes, thanks, that helped", "providerMessageId", "restart-yes-" + address));
            assertThat(confirmed.status()).isEqualTo(202);
            assertThat(confirmed.json().get("caseId").asLong()).isEqualTo(caseId);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(agent.get("/api/cases/" + caseId).json().get("status").asText()).isEqualTo("RESOLVED"));
            await().atMost(Duration.ofSeconds(30)).until(() -> waitingAt(runtime, caseId).equals(List.of(FOLLOW_UP_WAIT)));
            assertThat(instanceOf(runtime, caseId).getId()).isEqualTo(processInstanceId);
            assertThat(agent.get("/api/cases/" + caseId + "/timeline").json().findValuesAsText("text"))
                    .anySatisfy(text -> assertThat(text).startsWith("Glad I could help"));
        }
    }

    private static final String SELF_SERVICE_WAIT = CustomerCaseProcess.Elements.evg_self_service.name();
    private static final String FOLLOW_UP_WAIT = CustomerCaseProcess.Elements.evg_resolved.name();

    /** The one process instance of the case (the case id is its business key). */
    private static ProcessInstance instanceOf(RuntimeService runtime, long caseId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(Long.toString(caseId)).singleResult();
    }

    private static List<String> waitingAt(RuntimeService runtime, long caseId) {
        ProcessInstance instance = instanceOf(runtime, caseId);
        return instance == null ? List.of() : runtime.getActiveActivityIds(instance.getId());
    }

    private static ConfigurableApplicationContext startApp() {
        Map<String, Object> properties = new HashMap<>(TestServers.properties());
        properties.put("server.port", "0");
        properties.put("spring.jmx.enabled", "false");
        // Camunda registers engines JVM-wide by name: closing a second "default" engine would unregister the shared
        // test context's engine, which the webapps and REST API look up by that name.
        properties.put("camunda.bpm.process-engine-name", "restarted");
        // The Camunda webapps keep JVM-wide state too; the restarted app does not need them.
        properties.put("camunda.bpm.webapp.enabled", "false");
        return new SpringApplicationBuilder(OmnicaseApplication.class).run(io.omnicase.support.TestServers.asArguments(properties));
    }

    private static int port(ConfigurableApplicationContext context) {
        return ((ServletWebServerApplicationContext) context).getWebServer().getPort();
    }
}
