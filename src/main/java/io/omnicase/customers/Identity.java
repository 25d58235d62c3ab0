package io.omnicase.customers;

/** One address by which a customer is known. */
public record Identity(IdentityKind kind, String address) {
}
