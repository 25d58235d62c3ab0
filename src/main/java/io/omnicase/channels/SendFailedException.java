package io.omnicase.channels;

/** A provider did not take a message; {@code permanent} says whether trying again can help. */
public class SendFailedException extends RuntimeException {

    private final boolean permanent;

    public SendFailedException(String message, boolean permanent, Throwable cause) {
        super(message, cause);
        this.permanent = permanent;
    }

    public boolean permanent() {
        return permanent;
    }
}
