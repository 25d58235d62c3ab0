package io.omnicase.customers;

import java.util.List;
import java.util.Optional;

/** Finds customers and resolves channel addresses to customers. */
public interface Customers {

    /**
     * The customer known by this address on this channel, created with the address as first identity when unknown.
     * Must run inside the caller's transaction; a concurrent creation of the same address surfaces as a
     * {@link org.springframework.dao.DuplicateKeyException} that the caller retries.
     */
    CustomerId resolve(Channel channel, String address, String displayName);

    /** The customer known by this address on this channel, without creating one when the address is unknown. */
    Optional<CustomerId> known(Channel channel, String address);

    /** Locks the customer row until the end of the transaction, so work on one customer's cases is serialised. */
    void lock(CustomerId id);

    Optional<Customer> find(CustomerId id);

    void changeTier(CustomerId id, Customer.Tier tier);

    /**
     * Moves every identity of {@code source} to {@code target} and marks the source merged into the target. Must run
     * inside the caller's transaction, which moves the source's cases too; answers the identities that moved.
     *
     * @throws CustomerMergeException when source and target are the same or either was merged away before
     */
    List<Identity> mergeIdentities(CustomerId source, CustomerId target);

    /** Records a completed merge for auditors, in the caller's transaction. */
    CustomerMerge recordMerge(CustomerId source, CustomerId target, String by, List<Identity> identities, List<Long> caseIds);

    /** Every merge a customer took part in, as source or target, oldest first. */
    List<CustomerMerge> merges(CustomerId id);
}
