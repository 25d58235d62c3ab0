package io.omnicase.process;

import io.omnicase.support.Api;
import io.omnicase.support.RunningOmnicase;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/** Cockpit, Tasklist, Admin and the engine's REST API need an Omnicase login and honour its roles. */
@RunningOmnicase
class CamundaWebappsIT {

    @LocalServerPort
    int port;

    @Test
    void theEngineRestApiIsClosedToAnonymousCallers() {
        assertThat(Api.anonymous(port).get("/engine-rest/task").status()).isEqualTo(401);
        assertThat(Api.anonymous(port).get("/engine-rest/process-definition").status()).isEqualTo(401);
    }

    @Test
    void anAgentWorksInTasklistNotOnTheEngineRestApi() {
        Api.Response rest = Api.as(port, "agent").get("/engine-rest/task?processDefinitionKey=customer-case");
        Api.Response tasklist = CamundaWebappClient.signedIn(port, "agent")
                .get(CamundaWebappClient.ENGINE + "/task?processDefinitionKey=customer-case");

        assertThat(rest.status()).isEqualTo(403);
        assertThat(tasklist.status()).isEqualTo(200);
        assertThat(tasklist.json().isArray()).isTrue();
    }

    @Test
    void theAuditorReadsTheEngineRestApi() {
        Api.Response definitions = Api.as(port, "auditor").get("/engine-rest/process-definition?key=customer-case");

        assertThat(definitions.status()).isEqualTo(200);
        assertThat(definitions.json().size()).isGreaterThanOrEqualTo(1);
    }

    @Test
    void anAnonymousVisitorOfCockpitIsSentToTheLoginPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/camunda/app/cockpit/default/")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location")).hasValueSatisfying(l -> assertThat(l).endsWith("/login"));
    }

    /** The webapps take the login when a page of theirs is opened, as a browser does first. */
    private Api signedIn(String user) {
        Api api = Api.as(port, user);
        assertThat(api.page("/camunda/app/cockpit/default/").status()).as("Cockpit for " + user).isEqualTo(200);
        return api;
    }

    @Test
    void eachRoleOpensTheWebappsItsCamundaGroupsAreGrantedAndNoOther() {
        Map<String, Map<String, Integer>> expected = new LinkedHashMap<>();
        expected.put("admin", Map.of("cockpit", 200, "tasklist", 200, "admin", 200));
        expected.put("supervisor", Map.of("cockpit", 200, "tasklist", 200, "admin", 403));
        expected.put("agent", Map.of("cockpit", 403, "tasklist", 200, "admin", 403));
        expected.put("designer", Map.of("cockpit", 200, "tasklist", 403, "admin", 403));
        expected.put("auditor", Map.of("cockpit", 200, "tasklist", 403, "admin", 403));

        Map<String, Map<String, Integer>> actual = new LinkedHashMap<>();
        expected.forEach((user, apps) -> {
            Api api = Api.as(port, user);
            Map<String, Integer> answers = new TreeMap<>();
            apps.keySet().forEach(app -> answers.put(app, api.page("/camunda/app/" + app + "/default/").status()));
            actual.put(user, answers);
        });

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void theWebappsKnowTheLoggedInUserAndTheirCamundaGroups() {
        Api.Response admin = signedIn("admin").get("/camunda/api/admin/auth/user/default");
        Api.Response supervisor = signedIn("supervisor").get("/camunda/api/admin/auth/user/default");

        assertThat(admin.status()).isEqualTo(200);
        assertThat(admin.json().get("userId").asText()).isEqualTo("admin");
        assertThat(admin.json().get("authorizedApps").toString()).contains("admin", "cockpit", "tasklist");
        assertThat(supervisor.json().get("authorizedApps").toString()).contains("cockpit", "tasklist").doesNotContain("\"admin\"");
    }
}
