package io.omnicase.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user of the HTTP API: logs in with HTTP Basic, keeps the session cookie, speaks JSON. */
public final class Api {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String base;
    private final String authorization;
    private final HttpClient http;

    private Api(String base, String authorization) {
        this(base, authorization, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(new CookieManager()).build());
    }

    private Api(String base, String authorization, HttpClient http) {
        this.base = base;
        this.authorization = authorization;
        this.http = http;
    }

    /** A demo user (password {@code demo}). */
    public static Api as(int port, String username) {
        return as(port, username, "demo");
    }

    public static Api as(int port, String username, String password) {
        return new Api("http://127.0.0.1:" + port,
                "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * A browser signed in on the login form: its requests ride on the session cookie alone (HTTP Basic opens no session
     * on the API). Throws when the form refuses the credentials.
     */
    public static Api signedInByForm(int port, String username, String password) {
        CookieManager cookies = new CookieManager();
        Api browser = new Api("http://127.0.0.1:" + port, null, HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .cookieHandler(cookies).build());
        browser.send(browser.request("/login").header("Accept", "text/html").GET());
        String token = cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                .map(java.net.HttpCookie::getValue).findFirst().orElseThrow(() -> new IllegalStateException("no CSRF token"));
        String form = "username=" + java.net.URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + java.net.URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token;
        Response login = browser.send(browser.request("/login").header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html").POST(HttpRequest.BodyPublishers.ofString(form)));
        boolean session = cookies.getCookieStore().getCookies().stream().anyMatch(c -> c.getName().equals("JSESSIONID"));
        if (login.status() >= 400 || !session || browser.get("/api/me").status() != 200) {
            throw new IllegalStateException("the login form refused " + username + ": " + login);
        }
        return browser;
    }

    public static Api anonymous(int port) {
        return new Api("http://127.0.0.1:" + port, null);
    }

    public Response get(String path) {
        return send(request(path).GET());
    }

    /**
     * GET of a new case's resource as an agent of the queue routing will place it in: until routing placed the case
     * (within a second; the first minute it is nobody's queue, CaseAccess) the answer is 403, so this asks again until
     * it is not, for up to 30 seconds.
     */
    public Response getOnceRouted(String path) {
        return untilRouted(() -> get(path));
    }

    /** POST to a new case as an agent of the queue routing will place it in: asked again while 403, as {@link #getOnceRouted}. */
    public Response postJsonOnceRouted(String path, Object body) {
        return untilRouted(() -> postJson(path, body));
    }

    /** Asks again every 100 ms while the answer is 403 (a refused request changes nothing), for up to 30 seconds. */
    private static Response untilRouted(java.util.function.Supplier<Response> ask) {
        long until = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        Response response = ask.get();
        while (response.status() == 403 && System.nanoTime() < until) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return response;
            }
            response = ask.get();
        }
        return response;
    }

    /** Opens a web page as a browser asks for it. */
    public Response page(String path) {
        return send(request(path).header("Accept", "text/html").GET());
    }

    public Response post(String path, String contentType, String body) {
        return send(request(path).header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Response postJson(String path, Object body) {
        try {
            return post(path, "application/json", JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response put(String path, Object body) {
        try {
            return send(request(path).header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body))));
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    public Response delete(String path) {
        return send(request(path).DELETE());
    }

    private HttpRequest.Builder request(String path) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(base + path));
        if (authorization != null) {
            builder.header("Authorization", authorization);
        }
        return builder;
    }

    private Response send(HttpRequest.Builder request) {
        if (request.build().headers().firstValue("Accept").isEmpty()) {
            request.header("Accept", "application/json");
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers().firstValue("Content-Type").orElse(""),
                    response.body());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** An HTTP answer. */
    public record Response(int status, String contentType, String body) {

        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return status + " " + contentType + " " + body;
        }
    }
}
