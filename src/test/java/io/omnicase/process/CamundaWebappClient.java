package io.omnicase.process;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.support.Api;

import java.io.IOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * A user of Camunda's webapps (Tasklist's and Cockpit's engine API at {@code /camunda/api/engine}): logs in by opening
 * a webapp page, as a browser does, and sends the webapps' CSRF token with every change.
 */
final class CamundaWebappClient {

    static final String ENGINE = "/camunda/api/engine/engine/default";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;
    private final CookieManager cookies = new CookieManager();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).cookieHandler(cookies).build();

    private CamundaWebappClient(int port, String user) {
        this.base = "http://127.0.0.1:" + port;
        this.authorization = "Basic " + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
    }

    /** A demo user signed in to Tasklist. */
    static CamundaWebappClient signedIn(int port, String user) {
        return signedIn(port, user, "tasklist");
    }

    /** A demo user signed in to one of Camunda's webapps (tasklist, cockpit, admin). */
    static CamundaWebappClient signedIn(int port, String user, String app) {
        CamundaWebappClient client = new CamundaWebappClient(port, user);
        Api.Response page = client.send(client.request("/camunda/app/" + app + "/default/").header("Accept", "text/html").GET());
        if (page.status() != 200) {
            throw new IllegalStateException(app + " did not open for " + user + ": " + page.status());
        }
        client.get(ENGINE + "/task?maxResults=1"); // the engine API hands out the CSRF token
        return client;
    }

    Api.Response get(String path) {
        return send(request(path).header("Accept", "application/json").GET());
    }

    Api.Response post(String path, Object body) {
        return send(withToken(request(path)).header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Api.Response post(String path, String contentType, String body) {
        return send(withToken(request(path)).header("Content-Type", contentType).header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    Api.Response put(String path, Object body) {
        return send(withToken(request(path)).header("Content-Type", "application/json").header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json(body))));
    }

    Api.Response put(String path, String contentType, String body) {
        return send(withToken(request(path)).header("Content-Type", contentType).header("Accept", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    Api.Response delete(String path) {
        return send(withToken(request(path)).header("Accept", "application/json").DELETE());
    }

    private HttpRequest.Builder withToken(HttpRequest.Builder request) {
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(HttpCookie::getValue).findFirst().orElseThrow(() -> new IllegalStateException("no CSRF token"));
        return request.header("X-XSRF-TOKEN", token).header("Origin", base);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", authorization);
    }

    private static String json(Object body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private Api.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Api.Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
