package io.omnicase.cases;

import java.util.Map;

/**
 * How a channel placed a message it found the case of itself (a mail's thread headers, a case tag, the people on the
 * thread): the notes stored with the message on the timeline (which rule joined it), and whether its sender joins the
 * case as a participant of another customer's case (a colleague who replied to all) instead of opening their own.
 */
public record Placement(Map<String, Object> detail, boolean asParticipant) {

    /**
     * A detail note ({@code true}) on a participant's message when nothing confirms that its sender is on the
     * customer's side: they join the case (the agent reads what they wrote, and the thread stays together), but no reply
     * is addressed to them; it goes to whoever wrote last among the customer and confirmed participants. Anyone can
     * write a mail with a customer's address in From and their own in Cc; when the agent's reply went to the last
     * sender, it was mailed to the forger (probe 48).
     */
    public static final String UNCONFIRMED = "unconfirmedParticipant";

    public Placement {
        detail = detail == null ? Map.of() : Map.copyOf(detail);
    }

    /** No notes, the sender's own cases only: what every channel but mail does. */
    public static final Placement NONE = new Placement(Map.of(), false);
}
