package io.omnicase.customers;

import io.omnicase.http.ConflictException;

/** Two customers cannot be merged (the same customer twice, or one merged before); the API answers 409. */
public class CustomerMergeException extends ConflictException {
    public CustomerMergeException(String message) {
        super(message);
    }
}
