package io.omnicase.bench;

import org.springframework.jdbc.core.simple.JdbcClient;

import javax.sql.DataSource;

/**
 * Generates closed cases directly in SQL for phase (d) of the benchmark: customers with an e-mail identity, five
 * closed cases each, and per case an inbound message, a routing decision and the closing status entry. Every value
 * derives from the row number and the seed ({@code CRC32} of both), so one seed gives the same database. Written in
 * chunks with MariaDB's sequence engine ({@code seq_1_to_N}), not through the application: the point is a big
 * database, not a long intake. The history index and Camunda's history are not filled (see the README notes).
 */
final class ClosedCases {

    private static final int CASES_PER_CUSTOMER = 5;
    private static final int CHUNK = 50_000;

    private ClosedCases() {
    }

    static void generate(DataSource dataSource, int count, long seed) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        int customers = (count + CASES_PER_CUSTOMER - 1) / CASES_PER_CUSTOMER;
        String tag = "gen" + seed;
        for (int from = 0; from < customers; from += CHUNK) {
            int size = Math.min(CHUNK, customers - from);
            jdbc.sql("INSERT INTO customers (display_name, tier, created_at) SELECT CONCAT(?, '-', ? + seq), "
                            + "IF(CRC32(CONCAT(?, seq)) % 10 = 0, 'GOLD', 'STANDARD'), "
                            + "NOW(6) - INTERVAL 400 DAY + INTERVAL (CRC32(CONCAT(?, ':c', ? + seq)) % 30000000) SECOND "
                            + "FROM seq_1_to_" + size)
                    .params(tag, from, seed, seed, from).update();
        }
        jdbc.sql("INSERT INTO customer_identities (customer_id, kind, address, created_at) "
                        + "SELECT id, 'EMAIL', CONCAT(display_name, '@generated.example'), created_at FROM customers "
                        + "WHERE display_name LIKE CONCAT(?, '-%')")
                .param(tag).update();
        long firstCase = jdbc.sql("SELECT COALESCE(MAX(id), 0) FROM cases").query(Long.class).single();
        String[] subjects = {"Where is my parcel?", "I was charged twice", "Cannot log in to my account",
                "Please cancel my order", "The product arrived broken", "How do I change my address?"};
        String subject = "ELT(1 + CRC32(CONCAT(?, ':s', c.id, s.seq)) % 6, '" + String.join("', '", subjects) + "')";
        long firstCustomer = jdbc.sql("SELECT MIN(id) FROM customers WHERE display_name LIKE CONCAT(?, '-%')")
                .param(tag).query(Long.class).single();
        long lastCustomer = jdbc.sql("SELECT MAX(id) FROM customers WHERE display_name LIKE CONCAT(?, '-%')")
                .param(tag).query(Long.class).single();
        for (long from = firstCustomer; from <= lastCustomer; from += CHUNK / CASES_PER_CUSTOMER) {
            jdbc.sql("INSERT INTO cases (customer_id, status, subject, channel, queue, priority, opened_at, updated_at, "
                            + "resolved_at, closed_at, sentiment, sentiment_trend, sentiment_messages) "
                            + "SELECT c.id, 'CLOSED', " + subject + ", 'EMAIL', 'general', 3, "
                            + "c.created_at + INTERVAL s.seq DAY, c.created_at + INTERVAL s.seq DAY + INTERVAL 8 DAY, "
                            + "c.created_at + INTERVAL s.seq DAY + INTERVAL 1 DAY, c.created_at + INTERVAL s.seq DAY + INTERVAL 8 DAY, "
                            + "0, 'STEADY', 1 "
                            + "FROM customers c JOIN seq_1_to_" + CASES_PER_CUSTOMER + " s "
                            + "WHERE c.id BETWEEN ? AND ? AND c.display_name LIKE CONCAT(?, '-%') ORDER BY c.id, s.seq")
                    .params(seed, from, Math.min(lastCustomer, from + CHUNK / CASES_PER_CUSTOMER - 1), tag).update();
        }
        long lastCase = jdbc.sql("SELECT MAX(id) FROM cases").query(Long.class).single();
        for (long from = firstCase + 1; from <= lastCase; from += CHUNK) {
            long to = Math.min(lastCase, from + CHUNK - 1);
            jdbc.sql("INSERT INTO interactions (case_id, kind, channel, author, body, provider_message_id, occurred_at, "
                            + "recorded_at, sentiment_score, sentiment_label) "
                            + "SELECT ca.id, 'INBOUND', 'EMAIL', CONCAT(cu.display_name, '@generated.example'), ca.subject, "
                            + "CONCAT(?, '-', ca.id), ca.opened_at, ca.opened_at, 0, 'NEUTRAL' "
                            + "FROM cases ca JOIN customers cu ON cu.id = ca.customer_id WHERE ca.id BETWEEN ? AND ?")
                    .params(tag, from, to).update();
            jdbc.sql("INSERT INTO interactions (case_id, kind, author, body, occurred_at, recorded_at) "
                            + "SELECT id, 'DECISION', 'routing', 'Escalate to general, priority 3: generated', opened_at, opened_at "
                            + "FROM cases WHERE id BETWEEN ? AND ?")
                    .params(from, to).update();
            jdbc.sql("INSERT INTO interactions (case_id, kind, author, body, occurred_at, recorded_at) "
                            + "SELECT id, 'STATUS', 'system', 'Closed', closed_at, closed_at FROM cases WHERE id BETWEEN ? AND ?")
                    .params(from, to).update();
        }
    }
}
