package io.omnicase.localservers;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import static org.assertj.core.api.Assertions.assertThat;

/** What an operator relies on: health of every part, and the API's documentation. */
@RunningOmnicase
class OperationsIT {

    @LocalServerPort
    int port;

    @Test
    void healthShowsMariaDbElasticsearchAndTheProcessEngine() {
        Api.Response health = Api.anonymous(port).get("/actuator/health");

        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("UP");
        assertThat(health.json().get("components").fieldNames()).toIterable()
                .contains("db", "elasticsearch", "processEngine", "jobExecutor");
        assertThat(Api.as(port, "admin").get("/actuator/health").json()
                .at("/components/db/details/database").asText()).isEqualTo("MariaDB");
    }

    @Test
    void aHealthComponentThatDoesNotExistIsAProblemNotAnEmptyPage() {
        for (String path : new String[]{"/actuator/health/no-such-component", "/actuator/health/liveness"}) {
            Api.Response missing = Api.as(port, "admin").get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).as(path).startsWith("application/problem+json");
            assertThat(missing.json().get("status").asInt()).isEqualTo(404);
        }
        // A body the actuator wrote itself passes unchanged.
        assertThat(Api.anonymous(port).get("/actuator/health").json().get("status").asText()).isEqualTo("UP");
    }

    @Test
    void theApiIsDocumentedWithOpenApi() {
        Api.Response docs = Api.anonymous(port).get("/v3/api-docs");

        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().get("paths").fieldNames()).toIterable()
                .contains("/api/messages", "/api/cases/{id}", "/api/cases/{id}/timeline", "/api/customers/{id}", "/api/search");
        // what the API page shows its reader: Omnicase's name, this server, groups in words
        assertThat(docs.json().get("info").get("title").asText()).isEqualTo("Omnicase API");
        assertThat(docs.json().get("servers").get(0).get("url").asText()).isEqualTo("/");
        java.util.List<String> groups = docs.json().get("tags").findValuesAsText("name");
        assertThat(groups).contains("Case", "Quality").noneMatch(name -> name.contains("controller"));
        assertThat(docs.json().get("paths").get("/api/messages").get("post").get("tags").get(0).asText())
                .doesNotContain("-");
        assertThat(groups).contains("Twilio SMS webhook");
        // every operation says in one line what it does
        java.util.List<String> unsaid = new java.util.ArrayList<>();
        docs.json().get("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (operation.getValue().path("summary").asText("").isBlank()) {
                unsaid.add(operation.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey());
            }
        }));
        assertThat(unsaid).as("operations without a summary").isEmpty();
        // the page's tab is named for Omnicase, and the page links back to it
        assertThat(Api.anonymous(port).page("/swagger-ui/index.html").body()).contains("<title>Omnicase API</title>")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        assertThat(docs.json().get("info").get("description").asText()).contains("](/)");
    }
}
