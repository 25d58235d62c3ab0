package io.omnicase.channels.chat;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A frame the chat widget sends: its hello (with the visitor token it holds), a visitor's message, that the visitor is
 * typing, which replies reached the window or were seen ({@code upTo}: the newest such reply's id), a request for a
 * code, a code, or (older widgets) an address. Read by Jackson, each kind checked by its constraints; a missing field
 * reads as empty text.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
record ChatFrame(String type, String id, String text, String name, String email, String code, String token,
                 String upTo) {

    String typeOrEmpty() {
        return type == null ? "" : type;
    }

    String emailOrEmpty() {
        return email == null ? "" : email;
    }

    String codeOrEmpty() {
        return code == null ? "" : code;
    }

    /** The frame as a visitor's message, the part a message's constraints judge. */
    Message message() {
        return new Message(id == null ? "" : id, text == null ? "" : text.strip(), name == null ? "" : name.strip());
    }

    /** A visitor's message: an id the widget chose (so a resend is recognised), the text, an optional name. */
    record Message(@Pattern(regexp = "[A-Za-z0-9-]{8,64}") String id,
                   @NotBlank @Size(max = ChatSocketHandler.MAX_TEXT) String text,
                   String name) {
    }
}
