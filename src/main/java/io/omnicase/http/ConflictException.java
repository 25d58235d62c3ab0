package io.omnicase.http;

/** The request is valid but conflicts with the resource's current state; answered as 409. */
public class ConflictException extends RuntimeException {
    public ConflictException(String message) {
        super(message);
    }
}
