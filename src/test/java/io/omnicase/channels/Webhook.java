package io.omnicase.channels;

import io.omnicase.support.Api;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.stream.Collectors;

/** A provider calling Omnicase's webhooks, signing like WhatsApp, Messenger or Twilio do (or forging on purpose). */
public final class Webhook {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private Webhook() {
    }

    public static Api.Response postMetaJson(int port, String path, byte[] body, String signature) {
        return postJson(port, path, body, "X-Hub-Signature-256", signature);
    }

    /** Posts a JSON body with a signature header (none when {@code signature} is null). */
    public static Api.Response postJson(int port, String path, byte[] body, String signatureHeader, String signature) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(port, path)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (signature != null) {
            request.header(signatureHeader, signature);
        }
        return send(request);
    }

    public static Api.Response postTwilioForm(int port, String pathAndQuery, Map<String, String> params, String signature) {
        String form = params.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(port, pathAndQuery)))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (signature != null) {
            request.header("X-Twilio-Signature", signature);
        }
        return send(request);
    }

    public static Api.Response get(int port, String pathAndQuery) {
        return send(HttpRequest.newBuilder(URI.create(url(port, pathAndQuery))).GET());
    }

    public static String url(int port, String pathAndQuery) {
        return "http://127.0.0.1:" + port + pathAndQuery;
    }

    private static Api.Response send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
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
