package io.omnicase.localservers;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

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

    @Value("${spring.elasticsearch.uris}")
    String elasticsearch;

    /**
     * Health is public, and each answer checked every server behind it: a database connection from the pool intake
     * needs, Elasticsearch's cluster health, and a login to the SMTP server with its credentials (the mail check), once
     * per request of anyone, also per component (/actuator/health/mail). A stranger's loop made Omnicase log in to its
     * mail provider as fast as they asked (probe 50). Strangers now share one answer for a few seconds, and the
     * components one by one are the administrator's.
     */
    @Test
    void strangersAskingForHealthAgainAndAgainHaveTheServersBehindItCheckedOnlyNowAndThen() throws Exception {
        long before = clusterHealthCalls();
        for (int i = 0; i < 40; i++) {
            Api.Response health = Api.anonymous(port).get("/actuator/health");
            assertThat(health.status()).isEqualTo(200);
            assertThat(health.json().get("status").asText()).isEqualTo("UP");
        }
        assertThat(clusterHealthCalls() - before).as("Elasticsearch's health asked for 40 answers").isLessThan(10);

        for (String component : new String[]{"/actuator/health/mail", "/actuator/health/db", "/actuator/health/elasticsearch"}) {
            Api.Response anonymous = Api.anonymous(port).get(component);
            assertThat(anonymous.status()).as(component).isEqualTo(401);
            assertThat(anonymous.contentType()).startsWith("application/problem+json");
            assertThat(Api.as(port, "admin").get(component).status()).as(component).isEqualTo(200);
        }
        // What an administrator asks is checked now, not a stranger's answer of a moment ago.
        assertThat(Api.as(port, "admin").get("/actuator/health").json().at("/components/db/details/database").asText())
                .isEqualTo("MariaDB");
    }

    /** How often Elasticsearch's cluster health was asked for over REST, on every node, since they started. */
    private long clusterHealthCalls() throws Exception {
        HttpResponse<String> usage = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(elasticsearch.split(",")[0].strip() + "/_nodes/usage")).build(), HttpResponse.BodyHandlers.ofString());
        long calls = 0;
        for (JsonNode node : new ObjectMapper().readTree(usage.body()).path("nodes")) {
            calls += node.at("/rest_actions/cluster_health_action").asLong(0);
        }
        return calls;
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

    /** The actuator's index built its links from the request's Host header (probe 50): there is none to build. */
    @Test
    void noPageOfLinksIsBuiltFromTheCallersHostHeader() throws Exception {
        java.net.http.HttpResponse<String> index = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(java.net.URI.create("http://127.0.0.1:" + port + "/actuator"))
                .header("Authorization", "Basic " + java.util.Base64.getEncoder().encodeToString("admin:demo".getBytes()))
                .header("Accept", "application/json").build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(404);
        assertThat(index.body()).doesNotContain("_links").doesNotContain("127.0.0.1");
        assertThat(Api.as(port, "admin").get("/actuator/metrics").status()).isEqualTo(200);
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
        // the CSRF token some pages' reads hand out is no parameter a client sends (probe 50)
        assertThat(docs.json().get("paths").findValuesAsText("name")).doesNotContain("csrf");
        assertThat(docs.json().get("paths").get("/api/routing/rules/active").get("get").path("parameters").size()).isZero();
        // the page's tab is named for Omnicase, and the page links back to it
        assertThat(Api.anonymous(port).page("/swagger-ui/index.html").body()).contains("<title>Omnicase API</title>")
                .contains("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        assertThat(docs.json().get("info").get("description").asText()).contains("](/)");
    }
}
