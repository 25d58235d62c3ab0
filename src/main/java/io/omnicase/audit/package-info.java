/**
 * The audit trail: every event that changes or decides a case (messages in and out, routing decisions with their facts
 * and rule-set version, assignments, state changes, SLA breaches, merges, reads of a case, rule-set activations,
 * process starts, erasures) is appended to a hash-chained, append-only log in MariaDB, in the transaction of the change
 * it records. Verifies the chain (on request, nightly, against checkpoints of the head kept outside the database),
 * shows an auditor the trace of a case or customer, and erases a customer's personal data across the stores while
 * the chain keeps verifying.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit")
package io.omnicase.audit;
