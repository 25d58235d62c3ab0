package io.omnicase.customers.internal;

import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.CustomerMerge;
import io.omnicase.customers.CustomerMergeException;
import io.omnicase.customers.Customers;
import io.omnicase.customers.CustomerErased;
import io.omnicase.customers.CustomersMerged;
import io.omnicase.customers.Identity;
import io.omnicase.customers.IdentityKind;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Customers and identities in MariaDB. */
@Repository
class JdbcCustomers implements Customers {

    /** The size of customers.display_name. */
    private static final int DISPLAY_NAME = 200;

    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;

    JdbcCustomers(JdbcClient jdbc, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.events = events;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public CustomerId resolve(Channel channel, String address, String displayName) {
        IdentityKind kind = channel.identityKind();
        if (!kind.accepts(address)) {
            // The identity column holds only well-formed addresses: no control characters, nothing beyond its size.
            throw new IllegalArgumentException("Not a valid " + kind + " address");
        }
        String normalized = kind.normalize(address);
        Optional<Long> existing = jdbc.sql("SELECT customer_id FROM customer_identities WHERE kind = ? AND address = ?")
                .params(kind.name(), normalized).query(Long.class).optional();
        if (existing.isPresent()) {
            return new CustomerId(existing.get());
        }
        Timestamp now = Timestamp.from(Instant.now());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customers (display_name, tier, created_at) VALUES (?, 'STANDARD', ?)")
                .params(displayName(displayName == null || displayName.isBlank() ? unnamed(kind, normalized) : displayName.strip()), now)
                .update(key);
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO customer_identities (customer_id, kind, address, created_at) VALUES (?, ?, ?, ?)")
                .params(id, kind.name(), normalized, now).update();
        return new CustomerId(id);
    }

    /**
     * The name of a customer who gave none: their address, except a chat visitor's, which is a random token
     * ("v-da6ad64b-c7ba-...") people would read on every page: "Web chat visitor da6ad6".
     */
    static String unnamed(IdentityKind kind, String address) {
        if (kind != IdentityKind.CHAT_VISITOR) {
            return address;
        }
        String token = address.replaceFirst("^(?i)(v|visitor)-", "");
        return "Web chat visitor " + token.substring(0, Math.min(6, token.length()));
    }

    /** A name that fits customers.display_name (200 characters), cut at a character boundary. */
    private static String displayName(String name) {
        return name.codePointCount(0, name.length()) <= DISPLAY_NAME ? name
                : name.substring(0, name.offsetByCodePoints(0, DISPLAY_NAME));
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public Optional<CustomerId> lockKnown(Channel channel, String address) {
        IdentityKind kind = channel.identityKind();
        if (!kind.accepts(address)) {
            return Optional.empty();
        }
        return jdbc.sql("SELECT c.id FROM customer_identities i JOIN customers c ON c.id = i.customer_id "
                        + "WHERE i.kind = ? AND i.address = ? FOR UPDATE")
                .params(kind.name(), kind.normalize(address)).query(Long.class).optional().map(CustomerId::new);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<CustomerId> known(Channel channel, String address) {
        IdentityKind kind = channel.identityKind();
        return jdbc.sql("SELECT customer_id FROM customer_identities WHERE kind = ? AND address = ?")
                .params(kind.name(), kind.normalize(address)).query(Long.class).optional().map(CustomerId::new);
    }

    @Override
    @Transactional(readOnly = true)
    public List<CustomerId> byNationalPhoneNumber(String nationalNumber, int limit) {
        String digits = nationalNumber == null ? "" : nationalNumber.replaceAll("[\\s\\-/().]", "");
        if (!digits.matches("0[1-9]\\d{5,13}")) {
            return List.of();
        }
        // Stored numbers are E.164 ("+4915112345678"); the national number drops the trunk prefix's 0.
        return jdbc.sql("SELECT DISTINCT customer_id FROM customer_identities WHERE kind = 'PHONE' AND address LIKE ? "
                        + "ORDER BY customer_id LIMIT ?")
                .params("+%" + digits.substring(1), limit).query(Long.class).list().stream().map(CustomerId::new).toList();
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void lock(CustomerId id) {
        jdbc.sql("SELECT id FROM customers WHERE id = ? FOR UPDATE").param(id.value()).query(Long.class).single();
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<Customer> find(CustomerId id) {
        List<Identity> identities = jdbc.sql("SELECT kind, address FROM customer_identities WHERE customer_id = ? ORDER BY id")
                .param(id.value())
                .query((rs, n) -> new Identity(IdentityKind.valueOf(rs.getString(1)), rs.getString(2))).list();
        return jdbc.sql("SELECT id, display_name, tier, created_at FROM customers WHERE id = ?").param(id.value())
                .query((rs, n) -> new Customer(new CustomerId(rs.getLong(1)), rs.getString(2),
                        Customer.Tier.valueOf(rs.getString(3)), identities, rs.getTimestamp(4).toInstant()))
                .optional();
    }

    @Override
    @Transactional
    public void changeTier(CustomerId id, Customer.Tier tier) {
        jdbc.sql("UPDATE customers SET tier = ? WHERE id = ?").params(tier.name(), id.value()).update();
    }

    @Override
    @Transactional
    public CustomerMerge merge(CustomerId source, CustomerId target, String by) {
        List<Identity> identities = mergeIdentities(source, target);
        Instant now = Instant.now();
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        // Recorded with no cases yet: the cases module fills them in from its listener of the event below.
        jdbc.sql("INSERT INTO customer_merges (source_id, target_id, merged_by, identities, case_ids, merged_at) "
                        + "VALUES (?, ?, ?, ?, '', ?)")
                .params(source.value(), target.value(), by, identitiesText(identities), Timestamp.from(now))
                .update(key);
        long id = key.getKey().longValue();
        // Synchronous: the listeners run here, in this transaction, before the record is read back.
        events.publishEvent(new CustomersMerged(id, source, target, by, identities, now));
        List<Long> caseIds = parseCaseIds(jdbc.sql("SELECT case_ids FROM customer_merges WHERE id = ?")
                .param(id).query(String.class).single());
        return new CustomerMerge(id, source, target, by, identities, caseIds, now);
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public CustomerErased erase(CustomerId id, List<Long> caseIds, String by) {
        List<Long> people = jdbc.sql("SELECT id FROM customers WHERE id = ? OR merged_into = ? ORDER BY id FOR UPDATE")
                .params(id.value(), id.value()).query(Long.class).list();
        List<Identity> identities = jdbc.sql("SELECT kind, address FROM customer_identities WHERE customer_id IN (:ids) ORDER BY id")
                .param("ids", people)
                .query((rs, n) -> new Identity(IdentityKind.valueOf(rs.getString(1)), rs.getString(2))).list();
        List<Identity> recorded = new java.util.ArrayList<>(identities);
        jdbc.sql("SELECT identities FROM customer_merges WHERE source_id IN (:ids) OR target_id IN (:ids)")
                .param("ids", people).query(String.class).list()
                .forEach(text -> parseIdentities(text).stream().filter(i -> !recorded.contains(i)).forEach(recorded::add));
        jdbc.sql("DELETE FROM customer_identities WHERE customer_id IN (:ids)").param("ids", people).update();
        jdbc.sql("UPDATE customers SET display_name = NULL WHERE id IN (:ids)").param("ids", people).update();
        // Merges by a mailed code recorded before 4 December named the visitor and the address in who made them.
        jdbc.sql("UPDATE customer_merges SET identities = '', merged_by = CASE WHEN merged_by LIKE 'chat visitor %' "
                        + "THEN 'chat visitor by a mailed code' ELSE merged_by END "
                        + "WHERE source_id IN (:ids) OR target_id IN (:ids)")
                .param("ids", people).update();
        CustomerErased erased = new CustomerErased(id, recorded, caseIds, by, Instant.now());
        events.publishEvent(erased);
        return erased;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public void recordMovedCases(CustomersMerged merge, List<Long> caseIds) {
        jdbc.sql("UPDATE customer_merges SET case_ids = ? WHERE id = ?").params(caseIdsText(caseIds), merge.mergeId()).update();
    }

    /** Moves every identity of the source to the target and marks the source merged; answers the identities moved. */
    private List<Identity> mergeIdentities(CustomerId source, CustomerId target) {
        if (source.equals(target)) {
            throw new CustomerMergeException("A customer cannot be merged into itself");
        }
        // Both rows locked in id order, so two merges of the same pair in opposite directions cannot deadlock.
        List<Long> ids = jdbc.sql("SELECT id FROM customers WHERE id IN (?, ?) AND merged_into IS NULL ORDER BY id FOR UPDATE")
                .params(source.value(), target.value()).query(Long.class).list();
        if (!ids.contains(source.value()) || !ids.contains(target.value())) {
            throw new CustomerMergeException("Customer " + (ids.contains(source.value()) ? target.value() : source.value())
                    + " does not exist or was merged into another customer");
        }
        List<Identity> moved = jdbc.sql("SELECT kind, address FROM customer_identities WHERE customer_id = ? ORDER BY id")
                .param(source.value())
                .query((rs, n) -> new Identity(IdentityKind.valueOf(rs.getString(1)), rs.getString(2))).list();
        jdbc.sql("UPDATE customer_identities SET customer_id = ? WHERE customer_id = ?").params(target.value(), source.value()).update();
        jdbc.sql("UPDATE customers SET merged_into = ? WHERE id = ?").params(target.value(), source.value()).update();
        return moved;
    }

    @Override
    @Transactional(readOnly = true)
    public List<CustomerMerge> merges(CustomerId id) {
        return jdbc.sql("SELECT id, source_id, target_id, merged_by, identities, case_ids, merged_at FROM customer_merges "
                        + "WHERE source_id = ? OR target_id = ? ORDER BY id")
                .params(id.value(), id.value())
                .query((rs, n) -> new CustomerMerge(rs.getLong(1), new CustomerId(rs.getLong(2)), new CustomerId(rs.getLong(3)),
                        rs.getString(4), parseIdentities(rs.getString(5)), parseCaseIds(rs.getString(6)),
                        rs.getTimestamp(7).toInstant()))
                .list();
    }

    // Stored as plain "KIND:address" lines and comma-separated ids: readable in the database by an auditor as is.
    private static String identitiesText(List<Identity> identities) {
        return identities.stream().map(i -> i.kind().name() + ":" + i.address()).collect(java.util.stream.Collectors.joining("\n"));
    }

    private static List<Identity> parseIdentities(String text) {
        return text.isEmpty() ? List.of() : text.lines().map(l -> new Identity(IdentityKind.valueOf(l.substring(0, l.indexOf(':'))),
                l.substring(l.indexOf(':') + 1))).toList();
    }

    private static String caseIdsText(List<Long> caseIds) {
        return caseIds.stream().map(String::valueOf).collect(java.util.stream.Collectors.joining(","));
    }

    private static List<Long> parseCaseIds(String text) {
        return text.isEmpty() ? List.of() : java.util.Arrays.stream(text.split(",")).map(Long::valueOf).toList();
    }
}
