package io.omnicase.customers.internal;

import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.customers.Identity;
import io.omnicase.customers.IdentityKind;
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

    private final JdbcClient jdbc;

    JdbcCustomers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    @Transactional(propagation = Propagation.MANDATORY)
    public CustomerId resolve(Channel channel, String address, String displayName) {
        IdentityKind kind = channel.identityKind();
        String normalized = kind.normalize(address);
        Optional<Long> existing = jdbc.sql("SELECT customer_id FROM customer_identities WHERE kind = ? AND address = ?")
                .params(kind.name(), normalized).query(Long.class).optional();
        if (existing.isPresent()) {
            return new CustomerId(existing.get());
        }
        Timestamp now = Timestamp.from(Instant.now());
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO customers (display_name, tier, created_at) VALUES (?, 'STANDARD', ?)")
                .params(displayName == null || displayName.isBlank() ? normalized : displayName.strip(), now)
                .update(key);
        long id = key.getKey().longValue();
        jdbc.sql("INSERT INTO customer_identities (customer_id, kind, address, created_at) VALUES (?, ?, ?, ?)")
                .params(id, kind.name(), normalized, now).update();
        return new CustomerId(id);
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
}
