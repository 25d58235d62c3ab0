package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.channels.SendFailedException;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Function;
import java.util.function.Supplier;

/** What the provider adapters share: an HTTP client with timeouts, and which failures are worth retrying. */
final class ProviderHttp {

    private ProviderHttp() {
    }

    static RestClient client(String baseUrl) {
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build());
        factory.setReadTimeout(Duration.ofSeconds(20));
        return RestClient.builder().baseUrl(baseUrl.replaceAll("/+$", "")).requestFactory(factory).build();
    }

    /** Posts a JSON message with a bearer token to a Graph API path and answers the message id the answer carries. */
    static String postGraphJson(RestClient http, String provider, String token, Object body,
                                Function<JsonNode, String> messageId,
                                String path, Object... pathVariables) {
        return call(provider, () -> {
            JsonNode answer = http.post().uri(path, pathVariables)
                    .header("Authorization", "Bearer " + token)
                    .contentType(MediaType.APPLICATION_JSON).body(body)
                    .retrieve().body(JsonNode.class);
            String id = answer == null ? "" : messageId.apply(answer);
            return id.isEmpty() ? null : id;
        });
    }

    /**
     * Calls the provider; a 4xx answer other than 429 is the provider refusing the message (permanent), anything else
     * (5xx, 429, no answer) may pass on a later attempt.
     */
    static <T> T call(String provider, Supplier<T> request) {
        try {
            T answer = request.get();
            if (answer == null) {
                throw new SendFailedException(provider + " answered without a message id", false, null);
            }
            return answer;
        } catch (RestClientResponseException e) {
            int status = e.getStatusCode().value();
            boolean permanent = status >= 400 && status < 500 && status != 429;
            throw new SendFailedException(provider + " answered " + status + ": " + e.getResponseBodyAsString(), permanent, e);
        } catch (RestClientException e) {
            throw new SendFailedException(provider + " could not be reached: " + e.getMessage(), false, e);
        }
    }
}
