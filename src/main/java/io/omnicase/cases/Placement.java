package io.omnicase.cases;

import java.util.Map;

/**
 * How a channel placed a message it found the case of itself (a mail's thread headers, a case tag, the people on the
 * thread): the notes stored with the message on the timeline (which rule joined it), and whether its sender joins the
 * case as a participant of another customer's case (a colleague who replied to all) instead of opening their own.
 */
public record Placement(Map<String, Object> detail, boolean asParticipant) {

    public Placement {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** No notes, the sender's own cases only: what every channel but mail does. */
    public static final Placement NONE = new Placement(Map.of(), false);
}
