package io.omnicase.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * How long the designer's deploy takes (through the API: validation, the code's contract, the engine's deployment),
 * and how long migrating 1,000 running cases takes (preview, then the engine's batch until every case moved), on the
 * real engine and MariaDB. Not a test of the suite: run with bench/designer, which prints the figures.
 */
@RunningOmnicase
class DesignerBenchmark {

    private static final String KEY = "/api/designer/processes/customer-case";
    private static final int DEPLOYS = Integer.getInteger("bench.deploys", 10);
    private static final int INSTANCES = Integer.getInteger("bench.instances", 1000);

    @LocalServerPort
    int port;

    @Autowired
    RuntimeService runtime;

    @Test
    void deployAndMigrate() {
        Api designer = Api.as(port, "designer");
        int shipped = designer.get(KEY + "/versions").json().get(0).get("version").asInt();
        JsonNode model = designer.get(KEY + "/versions/" + shipped).json();
        Map<String, Object> forms = new LinkedHashMap<>();
        model.get("forms").fields().forEachRemaining(f -> forms.put(f.getKey(), f.getValue()));
        String xml = model.get("bpmnXml").asText();
        List<String> instances = new ArrayList<>();
        try {
            List<Long> validations = new ArrayList<>();
            for (int i = 0; i < DEPLOYS; i++) {
                long start = System.nanoTime();
                Api.Response validated = designer.postJson(KEY + "/validate", Map.of("bpmnXml", xml, "forms", forms));
                validations.add((System.nanoTime() - start) / 1_000_000);
                assertThat(validated.json().get("problems")).isEmpty();
            }
            List<Long> deploys = new ArrayList<>();
            for (int i = 0; i < DEPLOYS; i++) {
                long start = System.nanoTime();
                Api.Response deployed = designer.postJson(KEY + "/deployments", Map.of("bpmnXml",
                        xml.replace("name=\"Resolve case\"", "name=\"Resolve case " + i + "\""), "forms", forms,
                        "reason", "benchmark deploy " + i));
                deploys.add((System.nanoTime() - start) / 1_000_000);
                assertThat(deployed.status()).as(deployed.toString()).isEqualTo(201);
            }
            Api.Response source = designer.postJson(KEY + "/versions/" + shipped + "/rollback",
                    Map.of("reason", "benchmark: the source version of the migration"));
            int from = source.json().get("version").asInt();

            long base = 900_000_000_000L + (System.currentTimeMillis() % 1_000_000L) * 10_000L;
            long startInstances = System.nanoTime();
            for (int i = 0; i < INSTANCES; i++) {
                instances.add(runtime.createProcessInstanceByKey(CustomerCaseProcess.KEY)
                        .businessKey(String.valueOf(base + i))
                        .setVariable("queue", "bench-migration").setVariable("priority", 50)
                        .setVariable("slaDuration", "PT24H")
                        .startBeforeActivity(CustomerCaseProcess.Elements.user_handle_case.id())
                        .execute().getId());
            }
            long startedMs = (System.nanoTime() - startInstances) / 1_000_000;

            Api.Response target = designer.postJson(KEY + "/deployments", Map.of("bpmnXml",
                    xml.replace("name=\"Resolve case\"", "name=\"Resolve the case\""), "forms", forms,
                    "reason", "benchmark: the target version of the migration"));
            int to = target.json().get("version").asInt();
            Map<String, Object> versions = Map.of("fromVersion", from, "toVersion", to);

            long startPreview = System.nanoTime();
            JsonNode preview = designer.postJson(KEY + "/migrations/preview", versions).json();
            long previewMs = (System.nanoTime() - startPreview) / 1_000_000;
            assertThat(preview.get("canMigrate").asLong()).isGreaterThanOrEqualTo(INSTANCES);

            long startMigration = System.nanoTime();
            JsonNode started = designer.postJson(KEY + "/migrations", versions).json();
            long submitMs = (System.nanoTime() - startMigration) / 1_000_000;
            String batch = started.get("batchId").asText();
            await().atMost(Duration.ofMinutes(20)).pollInterval(Duration.ofMillis(200))
                    .until(() -> designer.get("/api/designer/migrations/" + batch).json().get("done").asBoolean());
            long migrationMs = (System.nanoTime() - startMigration) / 1_000_000;
            JsonNode progress = designer.get("/api/designer/migrations/" + batch).json();

            List<Long> checks = validations.stream().sorted().toList();
            System.out.printf("designer-bench: validate only (policy + contract, %d calls): p50 %d ms, max %d ms%n",
                    DEPLOYS, checks.get(checks.size() / 2), checks.get(checks.size() - 1));
            List<Long> sorted = deploys.stream().sorted().toList();
            System.out.printf("designer-bench: deploy through the API (%d deploys): p50 %d ms, max %d ms%n",
                    DEPLOYS, sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1));
            System.out.printf("designer-bench: %d instances started at user_handle_case in %d ms%n", INSTANCES, startedMs);
            System.out.printf("designer-bench: migration preview of %d running cases: %d ms%n",
                    preview.get("runningCases").asLong(), previewMs);
            System.out.printf("designer-bench: migration of %d cases (v%d -> v%d): submitted in %d ms, done in %d ms "
                            + "(%.0f cases/s), migrated %d, failed %d%n", started.get("total").asLong(), from, to,
                    submitMs, migrationMs, started.get("total").asLong() * 1000.0 / migrationMs,
                    progress.get("migrated").asLong(), progress.get("failed").asLong());
        } finally {
            if (!instances.isEmpty()) {
                runtime.deleteProcessInstancesIfExists(instances, "benchmark over", true, true, false);
            }
            Api.as(port, "admin").postJson(KEY + "/versions/" + shipped + "/rollback",
                    Map.of("reason", "benchmark over: the shipped model again"));
        }
    }
}
