package io.omnicase.demo;

import io.omnicase.assistant.KnowledgeReady;
import io.omnicase.cases.CaseIntake;
import io.omnicase.cases.InboundMessage;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;
import io.omnicase.customers.Customers;
import io.omnicase.security.Role;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * On the first start of a default run: demo users (password {@code demo}), customers with open cases on several
 * channels, and ({@code omnicase.demo-history}, default true) a few cases the demo agents work to the end in the
 * background ({@link DemoHistory}).
 * <p>
 * The users and the cases the rules hand to people come at once; the two routine questions the assistant takes first
 * once its knowledge is in its index ({@link KnowledgeReady}). On a first start the local Elasticsearch node comes up
 * some seconds after the app, and a question asked before then was handed to a person with "I am not sure I can answer
 * this correctly", even the one the assistant answers (how to change an email address). Should the knowledge not come
 * within {@code omnicase.demo.knowledge-wait} (PT3M), the questions are asked anyway.
 */
@Component
@Order(0)
@ConditionalOnProperty(name = "omnicase.demo-data", havingValue = "true")
class DemoData implements ApplicationRunner {

    static final String PASSWORD = "demo";
    private static final Logger log = LoggerFactory.getLogger(DemoData.class);

    private final UserAccounts users;
    private final Customers customers;
    private final CaseIntake intake;
    private final JdbcClient jdbc;
    private final TransactionTemplate transaction;
    private final DemoHistory history;
    private final boolean withHistory;
    private final Duration knowledgeWait;
    private final OnceKnowledgeReady afterKnowledge = new OnceKnowledgeReady();

    DemoData(UserAccounts users, Customers customers, CaseIntake intake, JdbcClient jdbc, PlatformTransactionManager tx,
             DemoHistory history, @Value("${omnicase.demo-history:true}") boolean withHistory,
             @Value("${omnicase.demo.knowledge-wait:PT3M}") Duration knowledgeWait) {
        this.knowledgeWait = knowledgeWait;
        this.history = history;
        this.withHistory = withHistory;
        this.users = users;
        this.customers = customers;
        this.intake = intake;
        this.jdbc = jdbc;
        this.transaction = new TransactionTemplate(tx);
    }

    @Override
    public void run(ApplicationArguments args) {
        if (users.isEmpty()) {
            createUsers();
        }
        if (jdbc.sql("SELECT COUNT(*) FROM customers").query(Integer.class).single() == 0) {
            createEscalations();
            afterKnowledge.schedule(this::createQuestions, knowledgeWait);
            if (withHistory) {
                history.playInBackground();
            }
        }
    }

    /** The knowledge is in the index: the demo's questions now (on the importing thread, so they exist when it returns). */
    @EventListener
    void on(KnowledgeReady ready) {
        afterKnowledge.ready();
    }

    private void createUsers() {
        user("agent", "Alex Agent", Set.of(Role.AGENT), Set.of("general", "billing"));
        user("tech", "Toni Tech", Set.of(Role.AGENT), Set.of("technical"));
        user("senior", "Sam Senior", Set.of(Role.AGENT), Set.of("senior", "billing", "general"));
        user("supervisor", "Sara Supervisor", Set.of(Role.SUPERVISOR), Set.of("general", "billing", "technical", "senior"));
        user("designer", "Dana Designer", Set.of(Role.DESIGNER), Set.of());
        user("auditor", "Ari Auditor", Set.of(Role.AUDITOR), Set.of());
        user("admin", "Ada Admin", Set.of(Role.ADMIN), Set.of());
        user("gateway", "Channel gateway", Set.of(Role.CHANNEL), Set.of());
        log.info("Demo users created: agent, tech, senior, supervisor, designer, auditor, admin, gateway (password '{}')", PASSWORD);
    }

    private void user(String name, String displayName, Set<Role> roles, Set<String> queues) {
        users.save(new UserAccount(name, displayName, roles, queues), PASSWORD);
    }

    /**
     * The cases the rules hand to people whatever the assistant knows: at once, so the agents' lists are full. Written
     * minutes before the start, as a fresh queue is: a case's SLA runs from when it came in, and a customer shown
     * "waiting 2 d" beside "on time" read as a contradiction.
     */
    private void createEscalations() {
        Instant now = Instant.now();
        transaction.executeWithoutResult(status -> customers.changeTier(
                customers.resolve(Channel.EMAIL, "cio@bigcorp.example", "Morgan Lee (BigCorp)"), Customer.Tier.VIP));
        message(Channel.SMS, "+4915112345678", "Jonas Weber", "I was charged twice for my subscription this month! Please fix this.",
                null, now.minus(45, ChronoUnit.MINUTES));
        message(Channel.WHATSAPP, "+49 151 12345678", "Jonas Weber", "Here is the screenshot of the double charge from my bank app.",
                null, now.minus(25, ChronoUnit.MINUTES));
        message(Channel.CHAT, "visitor-7f3a9c", null, "The app crashes every time I log in. This is urgent, I need my tickets today.",
                null, now.minus(12, ChronoUnit.MINUTES));
        message(Channel.EMAIL, "cio@bigcorp.example", "Morgan Lee (BigCorp)", "Our invoices for October are missing from the portal.",
                "Missing October invoices", now.minus(1, ChronoUnit.HOURS));
        log.info("Demo cases created on SMS, WhatsApp, chat and email");
    }

    /** The routine questions, which the assistant takes first: once its knowledge is in the index. */
    private void createQuestions() {
        Instant now = Instant.now();
        message(Channel.EMAIL, "anna.schmidt@example.com", "Anna Schmidt", "How do I change the email address on my account?",
                "Change of email address", now.minus(2, ChronoUnit.HOURS));
        message(Channel.MESSENGER, "4810234971263", "Lia", "Do you ship to Austria?", null, now.minus(10, ChronoUnit.MINUTES));
        log.info("Demo questions for the assistant created on email and Messenger");
    }

    private void message(Channel channel, String from, String name, String text, String subject, Instant sentAt) {
        intake.receive(new InboundMessage(channel, from, name, text, "demo-" + channel + "-" + sentAt.toEpochMilli(),
                null, subject, sentAt));
    }
}
