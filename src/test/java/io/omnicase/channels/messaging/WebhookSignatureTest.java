package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.channels.SharedData;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The signature checks agree with the providers' published examples (shared data set webhook-vectors). */
class WebhookSignatureTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TestFactory
    List<DynamicTest> twilioSignaturesAgreeWithTwilioJavasOwnVectors() throws IOException {
        JsonNode vectors = read("twilio-vectors.json").get("vectors");
        assertThat(vectors).hasSize(25);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : vectors) {
            tests.add(DynamicTest.dynamicTest(v.get("test").asText(), () -> {
                String signature = v.get("signature").isNull() ? null : v.get("signature").asText();
                boolean verdict = v.hasNonNull("body")
                        ? TwilioSignature.verifyJson(v.get("authToken").asText(), v.get("url").asText(),
                        v.get("body").asText(), signature)
                        : TwilioSignature.verify(v.get("authToken").asText(), v.get("url").asText(), params(v.get("params")),
                        signature);
                assertThat(verdict).as(v.get("test").asText()).isEqualTo(v.get("valid").asBoolean());
            }));
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> metaSignaturesAgreeWithThePublishedVectorAndRejectItsVariants() throws IOException {
        JsonNode vectors = read("meta-signature-vectors.json").get("vectors");
        assertThat(vectors).hasSizeGreaterThanOrEqualTo(5);
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode v : vectors) {
            tests.add(DynamicTest.dynamicTest(v.get("name").asText(), () -> assertThat(HubSignature.verify(
                    v.get("appSecret").asText(), v.get("body").asText().getBytes(StandardCharsets.UTF_8),
                    v.get("signatureHeader").asText())).isEqualTo(v.get("valid").asBoolean())));
        }
        return tests;
    }

    @Test
    void aMissingSignatureOrSecretIsNeverValid() {
        byte[] body = "{}".getBytes(StandardCharsets.UTF_8);
        assertThat(HubSignature.verify("secret", body, null)).isFalse();
        assertThat(HubSignature.verify("", body, "sha256=" + "0".repeat(64))).isFalse();
        assertThat(TwilioSignature.verify("token", "https://example.com/sms", Map.of(), null)).isFalse();
        assertThat(TwilioSignature.verify("", "https://example.com/sms", Map.of(), "")).isFalse();
    }

    private static Map<String, String> params(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        Map<String, String> params = new HashMap<>();
        node.fields().forEachRemaining(e -> params.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return params;
    }

    private static JsonNode read(String file) throws IOException {
        Path folder = SharedData.folder("webhook-vectors");
        return JSON.readTree(folder.resolve(file).toFile());
    }
}
