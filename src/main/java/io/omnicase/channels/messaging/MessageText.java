package io.omnicase.channels.messaging;

import com.fasterxml.jackson.databind.JsonNode;

/** The text a timeline shows for a WhatsApp message of any type: its words where it has some, a label otherwise. */
final class MessageText {

    private MessageText() {
    }

    /** The text for the timeline, or null for payloads that carry nothing a person said (a removed reaction). */
    static String of(String type, JsonNode message) {
        return switch (type) {
            case "text" -> blankToNull(message.path("text").path("body").asText(""));
            case "button" -> blankToNull(message.path("button").path("text").asText(""));
            case "interactive" -> {
                JsonNode reply = message.path("interactive").path(message.path("interactive").path("type").asText());
                yield blankToNull(reply.path("title").asText(""));
            }
            case "reaction" -> {
                String emoji = message.path("reaction").path("emoji").asText("");
                yield emoji.isEmpty() ? null : "[reaction " + emoji + "]";
            }
            case "image", "video", "document", "audio", "voice", "sticker" -> {
                String caption = message.path(type).path("caption").asText("");
                yield "[" + type + "]" + (caption.isEmpty() ? "" : " " + caption);
            }
            case "location" -> "[location " + message.path("location").path("latitude").asText() + ","
                    + message.path("location").path("longitude").asText() + "]";
            default -> "[" + type + " message]";
        };
    }

    private static String blankToNull(String text) {
        return text.isBlank() ? null : text;
    }
}
