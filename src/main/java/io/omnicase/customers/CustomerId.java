package io.omnicase.customers;

/** Identifies a customer. */
public record CustomerId(long value) {
}
