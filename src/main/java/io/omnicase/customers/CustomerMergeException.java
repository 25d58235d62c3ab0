package io.omnicase.customers;

/** Two customers cannot be merged (the same customer twice, or one merged before). */
public class CustomerMergeException extends RuntimeException {
    public CustomerMergeException(String message) {
        super(message);
    }
}
