package io.omnicase.channels;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A real local HTTP server standing in for the WhatsApp Graph API, the Messenger Send API and Twilio's REST API in
 * integration tests: it answers as they document and records every request, so tests assert what left Omnicase.
 * Registered for every test application context (META-INF/spring.factories), started once per JVM.
 */
public final class ProviderStandIn {

    private static ProviderStandIn instance;

    private final HttpServer server;
    private final List<Recorded> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger failuresLeft = new AtomicInteger();
    private volatile int failureStatus = 503;

    private ProviderStandIn() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public static synchronized ProviderStandIn get() {
        if (instance == null) {
            try {
                instance = new ProviderStandIn();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The next {@code count} requests are answered with {@code status} instead of success. */
    public void failNext(int count, int status) {
        failureStatus = status;
        failuresLeft.set(count);
    }

    public List<Recorded> requests(Predicate<Recorded> filter) {
        return requests.stream().filter(filter).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        Map<String, String> headers = new java.util.TreeMap<>();
        exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        String path = exchange.getRequestURI().getPath();
        boolean fail = failuresLeft.getAndUpdate(n -> Math.max(0, n - 1)) > 0;
        int status;
        String answer;
        if (fail) {
            status = failureStatus;
            answer = "{\"error\":{\"message\":\"stand-in failure\",\"code\":" + failureStatus + "}}";
        } else if (path.matches("/v[0-9.]+/me/messages")) {
            status = 200;
            answer = "{\"recipient_id\":\"r\",\"message_id\":\"m_" + UUID.randomUUID() + "\"}";
        } else if (path.matches("/v[0-9.]+/[0-9]+/messages")) {
            status = 200;
            answer = "{\"messaging_product\":\"whatsapp\",\"contacts\":[{\"input\":\"x\",\"wa_id\":\"x\"}],"
                    + "\"messages\":[{\"id\":\"wamid." + UUID.randomUUID() + "\"}]}";
        } else if (path.matches("/2010-04-01/Accounts/[^/]+/Messages\\.json")) {
            status = 201;
            answer = "{\"sid\":\"SM" + UUID.randomUUID().toString().replace("-", "") + "\",\"status\":\"queued\"}";
        } else {
            status = 404;
            answer = "{\"error\":\"no such resource\"}";
        }
        requests.add(new Recorded(exchange.getRequestMethod(), path, headers, body, fail ? null : answer));
        byte[] bytes = answer.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A request the stand-in received and its successful answer, null when it was failed on purpose. */
    public record Recorded(String method, String path, Map<String, String> headers, String body, String answer) {
    }

    /** Points the application's provider base URLs at the stand-in, its mailbox at the test mail server, and switches outbound sending on. */
    public static final class Initializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        /** The public base URL tests sign Twilio webhooks with, as if Omnicase sat behind a proxy. */
        public static final String PUBLIC_URL = "https://omnicase.test";

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            if ("false".equals(System.getProperty("omnicase.test-stand-ins"))) {
                return; // a benchmark runs the application as configured, with no test servers behind its channels
            }
            String url = get().url();
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("mail-server", MailServer.get().properties()));
            context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("provider-stand-in", Map.of(
                    "omnicase.channels.whatsapp.base-url", url,
                    "omnicase.channels.whatsapp.outbound", "true",
                    "omnicase.channels.messenger.base-url", url,
                    "omnicase.channels.messenger.outbound", "true",
                    "omnicase.channels.twilio.base-url", url,
                    "omnicase.channels.twilio.outbound", "true",
                    "omnicase.channels.twilio.public-url", PUBLIC_URL)));
        }
    }
}
