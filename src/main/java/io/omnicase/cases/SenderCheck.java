package io.omnicase.cases;

/**
 * What a channel could tell of who sent a message: whether the sender is who the message says, as far as the channel
 * checks it (mail: the receiving mail server's SPF, DKIM and DMARC results). Only a sender that is not verified is
 * kept from automatic answers: an answer to a forged sender would go to someone who never wrote (backscatter).
 *
 * @param result what the check found
 * @param detail for a sender that is not verified, why, in words without personal data ("dmarc=fail according to
 *               mx.example.com"); null otherwise
 */
public record SenderCheck(Result result, String detail) {

    /** The longest detail kept. */
    public static final int MAX_DETAIL = 300;

    /** What the check found. */
    public enum Result {
        /** The channel does not check senders, or was not configured to (every channel but mail, mail by default). */
        NOT_CHECKED,
        /** The check passed. */
        VERIFIED,
        /** The check failed, or found nothing it was told to require: no automatic answer goes to this sender. */
        NOT_VERIFIED
    }

    /** A channel that does not check its senders. */
    public static final SenderCheck NOT_CHECKED = new SenderCheck(Result.NOT_CHECKED, null);
    /** A sender the channel verified. */
    public static final SenderCheck VERIFIED = new SenderCheck(Result.VERIFIED, null);

    public SenderCheck {
        if (result == null) {
            throw new IllegalArgumentException("A sender check needs a result");
        }
        if (result != Result.NOT_VERIFIED) {
            detail = null;
        } else {
            detail = detail == null || detail.isBlank() ? "no reason given" : IntakeFields.line(detail, MAX_DETAIL);
        }
    }

    /** A sender that is not verified, and why. */
    public static SenderCheck notVerified(String why) {
        return new SenderCheck(Result.NOT_VERIFIED, why);
    }

    /** Whether an automatic answer (the assistant's) may go to this sender. */
    public boolean allowsAutomaticAnswer() {
        return result != Result.NOT_VERIFIED;
    }

    /** Why no automatic answer goes to this sender, in words: "sender not verified: …"; null when one may. */
    public String why() {
        return allowsAutomaticAnswer() ? null : "sender not verified: " + detail;
    }
}
