package io.omnicase.cases;

import io.omnicase.customers.CustomerId;
import io.omnicase.security.Role;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The case access policy, the one place that decides who may read and who may change a case. An agent reaches a case
 * that sits in one of their queues, whose task is assigned to them, or that they handled (replied to, claimed,
 * resolved or closed; kept in {@code case_handlers}, so it survives the case moving to another queue); supervisors and admins reach every case;
 * auditors read every case and change none; designers and channel gateways read no cases. Unknown cases answer 404,
 * known cases the user may not reach answer 403 (case ids are sequential, so hiding that a case exists would protect
 * nothing); neither answer tells anything the case holds.
 */
@Service
public class CaseAccess {

    /** Where a case counts as sitting when routing has not placed it in time: the rules' default queue. */
    static final String UNROUTED_QUEUE = "general";
    /**
     * How long a new case may wait for its first routing decision (which comes within a second) before it counts as
     * sitting in {@link #UNROUTED_QUEUE}, so that a stalled routing leaves no customer unseen. Before that only those
     * who reach every case reach it: counted in general at once, a case of any queue could be answered by an agent of
     * general in the gap before routing, and stayed theirs ("handled") wherever it was routed (probe 42: a script on
     * the desk feed answered every new case within 40 ms).
     */
    static final java.time.Duration ROUTING_GRACE = java.time.Duration.ofMinutes(1);

    private static final Set<Role> READ_ALL = EnumSet.of(Role.SUPERVISOR, Role.ADMIN, Role.AUDITOR);
    private static final Set<Role> WRITE_ALL = EnumSet.of(Role.SUPERVISOR, Role.ADMIN);

    /** How an agent came to handle a case. */
    public enum How { REPLIED, CLAIMED, RESOLVED, CLOSED }

    private final UserAccounts users;
    private final CaseStore store;
    private final JdbcClient jdbc;
    private final List<CaseAssignments> assignments;
    private final org.springframework.context.ApplicationEventPublisher events;

    CaseAccess(UserAccounts users, CaseStore store, JdbcClient jdbc, List<CaseAssignments> assignments,
               org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.users = users;
        this.store = store;
        this.jdbc = jdbc;
        this.assignments = List.copyOf(assignments);
    }

    /**
     * Returns the case when the user may read it, and publishes {@link CaseRead}: every read of a case is audited.
     *
     * @throws CaseNotFoundException    when there is no such case
     * @throws CaseAccessDeniedException when the user may not read it
     */
    @Transactional(readOnly = true)
    public CaseView checkRead(String username, CaseId id) {
        CaseView view = existing(id);
        Subject user = subject(username);
        if (!user.readsAll() && !owns(user, view)) {
            throw denied(user, view.id());
        }
        events.publishEvent(new CaseRead(view.id(), view.customerId(), username, Instant.now()));
        return view;
    }

    /**
     * Records that the user read these cases' messages somewhere other than the case (search results show whole texts
     * and senders): one {@link CaseRead} per case, {@code via} saying where. The caller has scoped what it shows by
     * {@link #readableScope}.
     */
    @Transactional(readOnly = true)
    public void recordReads(String username, Map<Long, Long> customerByCase, String via) {
        Instant now = Instant.now();
        customerByCase.forEach((caseId, customerId) ->
                events.publishEvent(new CaseRead(caseId, customerId, username, now, via)));
    }

    /**
     * The user may write to the case and works it now: nobody else holds its task, or the user takes held tasks over
     * (a supervisor, an admin). One rule for replying, the case's form and resolving: a colleague's held case is read,
     * not answered.
     *
     * @throws CaseStateException (409) naming who holds the case
     */
    @Transactional(readOnly = true)
    public CaseView checkMayWork(String username, CaseId id) {
        CaseView view = checkWrite(username, id);
        Subject user = subject(username);
        if (!user.writesAll()) {
            for (CaseAssignments known : assignments) {
                java.util.Optional<String> holder = known.assigneeOf(id);
                if (holder.isPresent() && !holder.get().equals(username)) {
                    throw new CaseStateException("Case " + id.value() + " is being handled by " + users.nameOf(holder.get())
                            + "; only a supervisor can take it over");
                }
            }
        }
        return view;
    }

    /**
     * Returns the case when the user may change it (reply, resolve, close, claim its task, merge its customer).
     *
     * @throws CaseNotFoundException    when there is no such case
     * @throws CaseAccessDeniedException when the user may not change it
     */
    @Transactional(readOnly = true)
    public CaseView checkWrite(String username, CaseId id) {
        CaseView view = existing(id);
        Subject user = subject(username);
        if (user.writesAll() || owns(user, view)) {
            return view;
        }
        if (user.readsAll()) {
            throw new CaseAccessDeniedException("Your role reads case " + id.value() + " but may not change it");
        }
        throw denied(user, view.id());
    }

    @Transactional(readOnly = true)
    public boolean canRead(String username, CaseId id) {
        Subject user = subject(username);
        return store.find(id.value()).map(view -> user.readsAll() || owns(user, view)).orElse(false);
    }

    /** The cases the user may read, for queries that must not fetch anything else. */
    @Transactional(readOnly = true)
    public CaseScope readableScope(String username) {
        Subject user = subject(username);
        if (user.readsAll()) {
            return CaseScope.everything();
        }
        if (!user.agent()) {
            return CaseScope.only(Set.of());
        }
        Set<Long> ids = handledOrAssigned(username);
        if (!user.queues().isEmpty()) {
            // As inQueues: a case without a queue is general's once routing has had its grace.
            ids.addAll(jdbc.sql("SELECT id FROM cases WHERE COALESCE(LOWER(queue), "
                            + "CASE WHEN opened_at < :placedBy THEN :unrouted END) IN (:queues)")
                    .param("unrouted", UNROUTED_QUEUE).param("placedBy", Timestamp.from(Instant.now().minus(ROUTING_GRACE)))
                    .param("queues", user.queues()).query(Long.class).list());
        }
        return CaseScope.only(ids);
    }

    /** Keeps of a list of cases those the user may read (a customer's cases, earlier cases in a handover). */
    @Transactional(readOnly = true)
    public Predicate<CaseView> readable(String username) {
        Subject user = subject(username);
        if (user.readsAll()) {
            return view -> true;
        }
        if (!user.agent()) {
            return view -> false;
        }
        Set<Long> handled = handledOrAssigned(username);
        return view -> inQueues(user, view) || handled.contains(view.id());
    }

    /** The cases the user handled or whose open task is assigned to them, whatever queue they sit in. */
    private Set<Long> handledOrAssigned(String username) {
        Set<Long> ids = new HashSet<>(jdbc.sql("SELECT case_id FROM case_handlers WHERE username = ?")
                .param(username).query(Long.class).list());
        assignments.forEach(a -> ids.addAll(a.assignedTo(username)));
        return ids;
    }

    /** A customer is visible to a user who may read at least one of their cases. */
    @Transactional(readOnly = true)
    public void checkCustomerRead(String username, CustomerId customer) {
        Subject user = subject(username);
        if (user.readsAll()) {
            return;
        }
        if (store.ofCustomer(customer.value()).stream().noneMatch(readable(username))) {
            throw new CaseAccessDeniedException("Customer " + customer.value() + " has no case you may see");
        }
    }

    /**
     * A merge moves every case of the source to the target and writes on their timelines: the user must be allowed
     * to change every case of the source and at least one case of the target. A source without cases (a chat visitor
     * who verified an address before writing) is no agent's to merge: "every case" holds for none, and an agent could
     * otherwise take any caseless customer's addresses by trying ids (probe of 4 December); a supervisor merges it.
     */
    @Transactional(readOnly = true)
    public void checkMerge(String username, CustomerId source, CustomerId target) {
        Subject user = subject(username);
        if (user.writesAll()) {
            return;
        }
        if (!user.agent()) {
            throw new CaseAccessDeniedException("Your role may not merge customers");
        }
        List<CaseView> sourceCases = store.ofCustomer(source.value());
        if (sourceCases.isEmpty()) {
            throw new CaseAccessDeniedException("Customer " + source.value() + " has no case you may change; "
                    + "a supervisor merges a customer without cases");
        }
        if (!sourceCases.stream().allMatch(view -> owns(user, view))) {
            throw new CaseAccessDeniedException("Customer " + source.value() + " has cases outside your queues");
        }
        if (store.ofCustomer(target.value()).stream().noneMatch(view -> owns(user, view))) {
            throw new CaseAccessDeniedException("Customer " + target.value() + " has no case you may change");
        }
    }

    /** Whether the user works this queue: takes its tasks. Supervisors and admins work every queue. */
    @Transactional(readOnly = true)
    public boolean worksQueue(String username, String queue) {
        Subject user = subject(username);
        return user.writesAll() || user.agent() && queue != null && user.queues().contains(queue.toLowerCase(Locale.ROOT));
    }

    /**
     * The queues whose waiting cases the user takes by working on them (an agent's own queues); none for supervisors
     * and admins, who answer a case without taking it from the team.
     */
    @Transactional(readOnly = true)
    public Set<String> queuesTakenByWork(String username) {
        Subject user = subject(username);
        return user.agent() && !user.writesAll() ? user.queues() : Set.of();
    }

    /** The queues listed on the user's account: where their desk takes tasks from. */
    @Transactional(readOnly = true)
    public Set<String> queues(String username) {
        return subject(username).queues();
    }

    /** Only a supervisor (or an admin) takes over a task a colleague has claimed. */
    @Transactional(readOnly = true)
    public boolean takesOverClaimedTasks(String username) {
        return subject(username).writesAll();
    }

    /**
     * Records, durably, that the user handled the case: they keep reaching it wherever it is routed later. Not for a
     * case routing has not placed yet: an agent reaches that one only because routing stalled past its grace (it counts
     * as {@link #UNROUTED_QUEUE}'s so that no customer goes unseen), and answering it then is no claim on the case once
     * routing places it in a queue the agent does not work (probe 46: a general agent who answered a case whose
     * assessment kept failing kept reading and working it after it was routed to technical).
     */
    @Transactional
    public void recordHandled(String username, CaseId id, How how) {
        jdbc.sql("INSERT IGNORE INTO case_handlers (case_id, username, first_how, first_at) "
                        + "SELECT id, ?, ?, ? FROM cases WHERE id = ? AND queue IS NOT NULL")
                .params(username, how.name(), Timestamp.from(Instant.now()), id.value()).update();
    }

    private boolean owns(Subject user, CaseView view) {
        return user.agent() && (inQueues(user, view) || handled(user.username(), view.id())
                || assignments.stream().anyMatch(a -> a.isAssigned(user.username(), new CaseId(view.id()))));
    }

    private static boolean inQueues(Subject user, CaseView view) {
        if (view.queue() == null) {
            return view.openedAt().isBefore(Instant.now().minus(ROUTING_GRACE)) && user.queues().contains(UNROUTED_QUEUE);
        }
        return user.queues().contains(view.queue().toLowerCase(Locale.ROOT));
    }

    private boolean handled(String username, long caseId) {
        return jdbc.sql("SELECT COUNT(*) FROM case_handlers WHERE case_id = ? AND username = ?")
                .params(caseId, username).query(Integer.class).single() > 0;
    }

    private CaseView existing(CaseId id) {
        return store.find(id.value()).orElseThrow(() -> new CaseNotFoundException(id.value()));
    }

    private static CaseAccessDeniedException denied(Subject user, long caseId) {
        return user.agent()
                ? new CaseAccessDeniedException("Case " + caseId + " is not in your queues, not assigned to you and not handled by you")
                : new CaseAccessDeniedException("Your role does not work with cases");
    }

    private Subject subject(String username) {
        return users.find(username).map(Subject::of).orElseGet(() -> new Subject(username, Set.of(), Set.of()));
    }

    private record Subject(String username, Set<Role> roles, Set<String> queues) {

        static Subject of(UserAccount account) {
            return new Subject(account.username(), account.roles(), account.queues().stream()
                    .map(q -> q.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet()));
        }

        boolean readsAll() {
            return roles.stream().anyMatch(READ_ALL::contains);
        }

        boolean writesAll() {
            return roles.stream().anyMatch(WRITE_ALL::contains);
        }

        boolean agent() {
            return roles.contains(Role.AGENT);
        }
    }
}
