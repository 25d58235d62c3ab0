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

    /**
     * Customers whose phone number is this number as written inside its country ("015112345678" for
     * +49 151 12345678): the digits after the national trunk prefix match the end of the stored international number.
     * Several customers (of several countries) may match; at most {@code limit}.
     */
    java.util.List<CustomerId> byNationalPhoneNumber(String nationalNumber, int limit);

    /** Locks the customer row until the end of the transaction, so work on one customer's cases is serialised. */
    void lock(CustomerId id);

    /**
     * The customer known by this address, its row locked until the end of the caller's transaction ({@link #known}
     * and {@link #lock} in one round trip to the database: intake); empty when the address is unknown (or invalid).
     */
    default Optional<CustomerId> lockKnown(Channel channel, String address) {
        Optional<CustomerId> id = channel.identityKind().accepts(address) ? known(channel, address) : Optional.empty();
        id.ifPresent(this::lock);
        return id;
    }

    Optional<Customer> find(CustomerId id);

    void changeTier(CustomerId id, Customer.Tier tier);

    /**
     * Merges two customers found to be one person, in one transaction: every identity of {@code source} moves to
     * {@code target}, the source is marked merged into the target, the merge is recorded for auditors and
     * {@link CustomersMerged} is published inside the transaction, so listeners move what else the source owned
     * (its cases) before it commits. Answers the record, with the case ids the listeners reported.
     *
     * @throws CustomerMergeException when source and target are the same or either was merged away before
     */
    CustomerMerge merge(CustomerId source, CustomerId target, String by);

    /**
     * Completes the record of a merge in progress with the cases that moved along, from a listener of
     * {@link CustomersMerged} in the merging transaction.
     */
    void recordMovedCases(CustomersMerged merge, List<Long> caseIds);

    /**
     * Erases a customer's personal data in one transaction (the caller's, which must exist): their name and every
     * identity (also of customers merged into them), and the identities recorded with their merges; publishes
     * {@link CustomerErased} inside the transaction so each module erases what it holds of them and of their cases.
     * The customer's row stays (with no name), so cases and the audit trail keep pointing at a pseudonymous id.
     */
    CustomerErased erase(CustomerId id, List<Long> caseIds, String by);

    /** Every merge a customer took part in, as source or target, oldest first. */
    List<CustomerMerge> merges(CustomerId id);
}
