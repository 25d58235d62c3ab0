package io.omnicase.customers;

import java.util.Optional;

/** Finds customers and resolves channel addresses to customers. */
public interface Customers {

    /**
     * The customer known by this address on this channel, created with the address as first identity when unknown.
     * Must run inside the caller's transaction; a concurrent creation of the same address surfaces as a
     * {@link org.springframework.dao.DuplicateKeyException} that the caller retries.
     */
    CustomerId resolve(Channel channel, String address, String displayName);

    /** Locks the customer row until the end of the transaction, so work on one customer's cases is serialised. */
    void lock(CustomerId id);

    Optional<Customer> find(CustomerId id);

    void changeTier(CustomerId id, Customer.Tier tier);
}
