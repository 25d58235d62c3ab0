package io.omnicase.support;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;

/** Reading a case's timeline as the API answers it ({@code GET /api/cases/{id}/timeline}). */
public final class Timelines {

    private Timelines() {
    }

    /** The texts of the timeline's entries of one kind, in the timeline's order. */
    public static List<String> texts(JsonNode timeline, String kind) {
        List<String> texts = new ArrayList<>();
        timeline.forEach(entry -> {
            if (kind.equals(entry.get("kind").asText())) {
                texts.add(entry.get("text").asText());
            }
        });
        return texts;
    }
}
