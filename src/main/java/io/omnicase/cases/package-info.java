/**
 * The case and its interactions, the system of record: case intake (customer, thread, deduplication), the timeline,
 * replies and the state changes the case process drives. Publishes {@link io.omnicase.cases.MessageReceived} and
 * {@link io.omnicase.cases.InteractionRecorded} in the transaction that stores them, and moves a merged customer's
 * cases on {@link io.omnicase.customers.CustomersMerged}, inside the merging transaction.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Cases")
package io.omnicase.cases;
