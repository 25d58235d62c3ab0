package io.omnicase.http;

import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** How request bodies are read, and what the client is told when one is refused. */
class StrictJsonTest {

    record Message(String text, int count, boolean urgent, List<String> tags) {
    }

    private final ObjectMapper json = StrictJson.strict(new ObjectMapper());

    @Test
    void aKeyTwiceIsNamed() {
        StreamReadException refused = catchThrowableOfType(StreamReadException.class,
                () -> json.readValue("{\"text\":\"a\",\"count\":1,\"text\":\"b\"}", Message.class));
        assertThat(JsonProblems.duplicateField(refused)).isEqualTo("text");
    }

    @Test
    void scalarsAreNotCoercedAcrossTypes() {
        assertRefused("{\"text\":123}", "text", "must be a string");
        assertRefused("{\"text\":false}", "text", "must be a string");
        assertRefused("{\"count\":\"3\"}", "count", "must be a whole number");
        assertRefused("{\"count\":1.5}", "count", "must be a whole number");
        assertRefused("{\"urgent\":\"true\"}", "urgent", "must be true or false");
        assertRefused("{\"urgent\":1}", "urgent", "must be true or false");
        assertRefused("{\"tags\":[\"a\",7]}", "tags[1]", "must be a string");
    }

    @Test
    void controlCharactersAreRefusedButTabsAndLineBreaksAreText() throws Exception {
        assertRefused("{\"text\":\"a\\u0000b\"}", "text", "must not contain control characters");
        assertRefused("{\"tags\":[\"ok\",\"\\u001b[2J\"]}", "tags[1]", "must not contain control characters");
        assertThat(json.readValue("{\"text\":\"one\\r\\n\\ttwo \u00e9\u4e2d\ud83d\ude00\"}", Message.class).text())
                .isEqualTo("one\r\n\ttwo \u00e9\u4e2d\ud83d\ude00");
    }

    @Test
    void adversarialBodiesAreCheckedInLinearTime() {
        String controls = "{\"text\":\"" + "a".repeat(1_000_000) + "\\u0001\"}";
        String duplicates = "{\"text\":\"" + " ".repeat(1_000_000) + "\",\"text\":\"x\"}";
        assertTimeoutPreemptively(Duration.ofSeconds(1), () -> {
            assertThatThrownBy(() -> json.readValue(controls, Message.class)).isInstanceOf(JsonMappingException.class);
            assertThatThrownBy(() -> json.readValue(duplicates, Message.class)).isInstanceOf(StreamReadException.class);
        });
    }

    private void assertRefused(String body, String field, String message) {
        JsonMappingException refused = catchThrowableOfType(JsonMappingException.class, () -> json.readValue(body, Message.class));
        assertThat(refused).as(body).isNotNull();
        assertThat(JsonProblems.field(refused.getPath())).isEqualTo(field);
        assertThat(JsonProblems.message(refused)).startsWith(message).doesNotContain("java").doesNotContain("String");
    }
}
