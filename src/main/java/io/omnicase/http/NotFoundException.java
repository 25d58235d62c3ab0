package io.omnicase.http;

/** The resource asked for does not exist; answered as 404. */
public class NotFoundException extends RuntimeException {
    public NotFoundException(String message) {
        super(message);
    }
}
