package io.omnicase.desk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/** A server-sent event stream of the desk, read as a demo user's browser would, event by event. */
final class EventStream implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** One event: its name and its data as JSON. */
    record Event(String name, JsonNode data) {
    }

    private final List<Event> events = new CopyOnWriteArrayList<>();
    private final InputStream body;
    private final Thread reader;

    private EventStream(InputStream body) {
        this.body = body;
        this.reader = new Thread(this::read, "event-stream-reader");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Opens the stream and waits for its {@code ready} event. */
    static EventStream open(int port, String user, String path) throws IOException, InterruptedException {
        HttpResponse<InputStream> response = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .header("Authorization", "Basic " + Base64.getEncoder()
                                .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
                        .header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofInputStream());
        if (response.statusCode() != 200) {
            response.body().close();
            throw new IllegalStateException("The stream " + path + " answered " + response.statusCode());
        }
        EventStream stream = new EventStream(response.body());
        stream.waitFor("ready", data -> true);
        return stream;
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            String name = "message";
            StringBuilder data = new StringBuilder();
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                if (line.startsWith("event:")) {
                    name = line.substring(6).strip();
                } else if (line.startsWith("data:")) {
                    data.append(line.substring(5));
                } else if (line.isEmpty() && !data.isEmpty()) {
                    events.add(new Event(name, JSON.readTree(data.toString())));
                    name = "message";
                    data.setLength(0);
                }
            }
        } catch (IOException e) {
            // closed
        }
    }

    /** Waits for an event of this name whose data matches, and answers it. */
    Event waitFor(String name, Predicate<JsonNode> matching) {
        await().atMost(Duration.ofSeconds(30)).until(() -> find(name, matching) != null);
        return find(name, matching);
    }

    /** Whether the server has ended the stream. */
    boolean ended() {
        return !reader.isAlive();
    }

    /** Every event of this name received so far. */
    List<JsonNode> received(String name) {
        List<JsonNode> data = new ArrayList<>();
        events.stream().filter(e -> e.name().equals(name)).forEach(e -> data.add(e.data()));
        return data;
    }

    private Event find(String name, Predicate<JsonNode> matching) {
        return events.stream().filter(e -> e.name().equals(name) && matching.test(e.data())).findFirst().orElse(null);
    }

    @Override
    public void close() throws IOException {
        body.close();
        reader.interrupt();
    }
}
