package io.omnicase.insight;

import io.omnicase.insight.internal.OutcomeCalculation;
import io.omnicase.routing.MessageFacts;
import io.omnicase.search.CaseOutcome;
import io.omnicase.search.InsightQueries;
import io.omnicase.search.InteractionDocument;
import io.omnicase.search.InteractionTags;
import io.omnicase.search.TaggedInteraction;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Fills the history with a realistic, reproducible one (the same seed gives the same history): customers writing on
 * several channels about issues of a few dozen kinds over a period, cases with the assistant's and agents' replies,
 * follow-ups whose mood rises or falls, escalations, resolutions, reopenings and SLA breaches, with contact times that
 * follow the working day and week. Into it go planted repeats (a customer coming back about the same issue on another
 * channel) and planted spikes (a new issue flooding one channel for a few hours). Written through the bulk API, both
 * the interactions and each case's outcome; returns what was planted, so detection can be scored against it.
 */
public final class HistoryGenerator {

    /**
     * What to generate.
     *
     * @param end            the history ends here (exclusive); it starts {@code days} before
     * @param interactions   about how many interactions (timeline entries) to write
     * @param plantedRepeats how many customers come back about the same issue (2 to 4 cases each, other channels)
     * @param spikes         the spikes to plant; none for a history without spikes
     * @param firstId        ids of interactions, cases and customers start here (keep them apart from real ones)
     */
    public record Plan(long seed, Instant end, int days, long interactions, int plantedRepeats,
                       List<PlantedSpike> spikes, long firstId) {
    }

    /** A new issue flooding one channel: {@code perHour} extra customer messages for {@code hours} from {@code start}. */
    public record PlantedSpike(String issue, String channel, Instant start, int hours, int perHour) {
    }

    /** One generated case, as scoring needs it: whose it is, which issue, when it opened and its first message. */
    public record GeneratedCase(long caseId, long customerId, String issue, String channel, Instant openedAt,
                                String firstText, boolean planted) {
    }

    /** What was generated: every case (in order of opening), and the spikes as planted. */
    public record Generated(List<GeneratedCase> cases, List<PlantedSpike> spikes, long interactions) {

        /**
         * The earlier cases of the same customer about the same issue within {@code window} before a case: what
         * repeat detection should find.
         */
        public Map<Long, List<Long>> repeatsWithin(Duration window) {
            Map<Long, List<GeneratedCase>> byCustomer = new HashMap<>();
            for (GeneratedCase c : cases) {
                byCustomer.computeIfAbsent(c.customerId(), k -> new ArrayList<>()).add(c);
            }
            Map<Long, List<Long>> truth = new HashMap<>();
            for (List<GeneratedCase> own : byCustomer.values()) {
                for (GeneratedCase later : own) {
                    List<Long> earlier = new ArrayList<>();
                    for (GeneratedCase c : own) {
                        if (c.caseId() != later.caseId() && c.issue().equals(later.issue())
                                && c.openedAt().isBefore(later.openedAt())
                                && !c.openedAt().isBefore(later.openedAt().minus(window))) {
                            earlier.add(c.caseId());
                        }
                    }
                    truth.put(later.caseId(), earlier);
                }
            }
            return truth;
        }
    }

    /** Receives the generated documents in batches. */
    public interface Sink {
        void write(List<TaggedInteraction> interactions, List<CaseOutcome> outcomes);
    }

    /** A sink writing through the search module's bulk API. */
    public static Sink into(InsightQueries queries) {
        return (interactions, outcomes) -> {
            try {
                queries.bulkInteractions(interactions);
                queries.bulkOutcomes(outcomes);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
    }

    // ------------------------------------------------------------------------------------------------ the issues

    /** A kind of issue: how customers put it (paraphrases with slots), its mood, and the queue that handles it. */
    public record Issue(String name, String queue, double mood, boolean spikeOnly, List<String> phrasings) {
    }

    public static final List<Issue> ISSUES = List.of(
            new Issue("double-charge", "billing", -0.5, false, List.of(
                    "I was charged twice for my {plan} subscription this month",
                    "Two payments of {amount} were taken from my card for the same invoice",
                    "Why do I see a double charge of {amount} on my statement for the {plan} plan?",
                    "You charged me twice for order {order}, please refund one of the payments",
                    "My card shows the {plan} subscription charged twice, {amount} each",
                    "got billed 2x this month?? fix it")),
            new Issue("wrong-invoice", "billing", -0.3, false, List.of(
                    "Invoice {invoice} shows {amount} but my {plan} plan costs less",
                    "The total on invoice {invoice} is wrong, it should not be {amount}",
                    "Invoice {invoice} has an incorrect amount of {amount}, please correct the invoice",
                    "There is a mistake on my invoice {invoice}: {amount} is not what I agreed to",
                    "the amount on my last bill is not right, that is more than we agreed")),
            new Issue("missing-refund", "billing", -0.5, false, List.of(
                    "I still have not received the refund for order {order}",
                    "Where is my refund of {amount} for order {order}? It was promised two weeks ago",
                    "The refund for returned order {order} never arrived on my card",
                    "Refund of {amount} for order {order} is missing, when will it be paid back?",
                    "still waiting for my money back for {order}")),
            new Issue("billed-after-cancel", "billing", -0.6, false, List.of(
                    "I cancelled my {plan} subscription but you billed me {amount} again",
                    "Why was I billed {amount} after I cancelled the {plan} plan last month?",
                    "You keep billing my card although the {plan} subscription is cancelled",
                    "I ended my membership, why is money still leaving my account?")),
            new Issue("payment-method", "billing", 0.0, false, List.of(
                    "How can I change the payment card for my {plan} subscription?",
                    "I want to pay by bank transfer instead of card from now on, is that possible?",
                    "Please update the payment method, my old card expires next month",
                    "can I switch to paying with a different card")),
            new Issue("login-reset", "technical", -0.3, false, List.of(
                    "I cannot log in, the password reset link does not work",
                    "The password reset email never arrives, so I cannot log in to my account",
                    "Login fails with error {code} even after resetting my password",
                    "Every password reset link says expired and I still cannot log in",
                    "can't get into my account, the reset mail doesn't come")),
            new Issue("sync-broken", "technical", -0.3, false, List.of(
                    "My notes do not sync between my phone and my laptop anymore",
                    "Sync stopped working, changes on the tablet never show up in the phone app",
                    "Data sync between devices is broken since {weekday}, error {code}",
                    "phone and laptop show different notes, nothing updates")),
            new Issue("export-error", "technical", -0.2, false, List.of(
                    "Exporting my report to PDF fails with error {code}",
                    "The PDF export of the monthly report shows an error {code} and produces nothing",
                    "When I export the report as PDF the download is empty",
                    "the PDF download of my report is broken")),
            new Issue("slow-site", "technical", -0.3, false, List.of(
                    "The website is extremely slow when loading the dashboard",
                    "Your dashboard page takes a minute to load, it is very slow today",
                    "Loading the dashboard is painfully slow on every browser I tried, is something broken?",
                    "dashboard takes forever")),
            new Issue("address-change", "general", 0.1, false, List.of(
                    "Please change the delivery address on my account to {street}",
                    "I moved, could you update my address to {street}?",
                    "Can you set my new home address {street} on the account profile?",
                    "new address: {street}, please update")),
            new Issue("delete-account", "general", -0.1, false, List.of(
                    "Please delete my account and all the data you hold about me",
                    "I would like my profile deleted together with my personal data",
                    "How do I close my account and have my data erased?",
                    "remove me and everything you store about me")),
            new Issue("email-change", "general", 0.1, false, List.of(
                    "I need to change the email address on my account to a new one",
                    "Please switch my login email to my new address",
                    "Can I use a different email address for my account?",
                    "I have a new mail, please use it for my login from now on")),
            new Issue("late-delivery", "general", -0.4, false, List.of(
                    "My parcel for order {order} is late, tracking has not moved for days",
                    "Order {order} was due on {weekday} and the parcel still has not arrived",
                    "The tracking of parcel {order} is stuck in the depot, where is my delivery?",
                    "Delivery of order {order} is a week late now",
                    "where is my package {order}??")),
            new Issue("damaged-item", "general", -0.5, false, List.of(
                    "The {product} arrived damaged, the box was crushed",
                    "My {product} came broken in a crushed box, I want a replacement",
                    "The {product} from order {order} arrived with a cracked screen",
                    "the {product} I got doesn't work, it's smashed")),
            new Issue("opening-hours", "general", 0.2, false, List.of(
                    "What are your opening hours during the holidays?",
                    "Is your shop open on public holidays and until what time?",
                    "When does your store open on {weekday}?",
                    "are you open tomorrow?")),
            new Issue("voucher", "general", 0.1, false, List.of(
                    "My voucher code {code} is not accepted at checkout",
                    "The discount voucher {code} says invalid although it is still valid",
                    "Checkout rejects voucher {code}, can you apply the discount manually?",
                    "discount code {code} won't work")),
            // Issues that exist only as planted spikes: new problems the baseline never saw.
            new Issue("crash-after-update", "technical", -0.6, true, List.of(
                    "The app crashes right after the update to version 5.2",
                    "Since updating to 5.2 the app crashes on start every time",
                    "After the latest update (version 5.2) the app keeps crashing",
                    "App crashes immediately after installing the 5.2 update")),
            new Issue("price-change-charge", "billing", -0.6, true, List.of(
                    "You charged me {amount} after the price change without asking me",
                    "The new price was charged to my card without any notice of the price change",
                    "Why was I charged the increased price? Nobody told me about a price change")));

    /** The issues by name. */
    public static final Map<String, Issue> ISSUES_BY_NAME = ISSUES.stream()
            .collect(java.util.stream.Collectors.toMap(Issue::name, i -> i));

    private static final List<String> PLANS = List.of("Basic", "Plus", "Premium", "Family", "Business");
    private static final List<String> PRODUCTS = List.of("kettle", "headphones", "desk lamp", "coffee grinder",
            "blender", "router", "phone case", "monitor");
    private static final List<String> STREETS = List.of("Elm Street 4", "Harbour Road 17", "Mill Lane 2",
            "Station Square 9", "Park Avenue 31", "Church Walk 6");
    private static final List<String> WEEKDAYS = List.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday");
    private static final String[] CHANNELS = {"EMAIL", "CHAT", "WHATSAPP", "SMS", "VOICE", "MESSENGER"};
    private static final double[] CHANNEL_SHARE = {0.33, 0.25, 0.16, 0.08, 0.10, 0.08};
    private static final List<String> AGENTS = List.of("agent", "tech", "senior", "amelie", "bruno", "chen", "dara",
            "emeka", "fatima", "goran", "hana", "ivan", "jonas", "kemal", "lena", "marco", "nadia", "oskar", "priya",
            "quinn");
    private static final List<String> REPLIES = List.of(
            "Thanks for reaching out. I have looked into this and corrected it on our side.",
            "I am sorry about the trouble. I have passed this to the right team and will update you tomorrow.",
            "Thank you for your patience. This is fixed now, please check again.",
            "I understand how annoying this is. Could you send me a screenshot so I can look closer?",
            "We have processed this for you; you will see the change within three working days.",
            "Please try again now, I have reset it for you.");
    private static final List<String> HAPPY = List.of("Thank you, that solved it!", "Great, it works now, thanks a lot",
            "Perfect, thank you for the quick help", "That was fast, much appreciated");
    private static final List<String> UNHAPPY = List.of("This is still not fixed and I am really annoyed",
            "Nothing changed, this is unacceptable", "Still broken. I am losing patience with you",
            "That did not help at all, I am very disappointed");
    private static final List<String> NEUTRAL = List.of("Ok, I will wait then", "Fine, I will check tomorrow",
            "Understood, let me know when you know more");

    private final Plan plan;
    private final SplittableRandom random;
    private long nextId;

    private HistoryGenerator(Plan plan) {
        this.plan = plan;
        this.random = new SplittableRandom(plan.seed());
        this.nextId = plan.firstId();
    }

    /** Generates the planned history into the sink, in batches of about {@code batch} interactions. */
    public static Generated generate(Plan plan, Sink sink, int batch) {
        return new HistoryGenerator(plan).run(sink, batch);
    }

    /** A contact: a customer opening a case about an issue on a channel at a moment. */
    private record Contact(long customerId, Issue issue, String channel, Instant at, boolean planted) {
    }

    private Generated run(Sink sink, int batch) {
        Instant start = plan.end().minus(Duration.ofDays(plan.days()));
        long perCase = 8;
        int background = (int) Math.max(1, plan.interactions() / perCase);
        int customers = Math.max(10, background * 4 / 10);
        long firstCustomer = plan.firstId();
        List<Issue> regular = ISSUES.stream().filter(i -> !i.spikeOnly()).toList();
        List<Contact> contacts = new ArrayList<>(background + plan.plantedRepeats() * 3);
        for (int i = 0; i < background; i++) {
            contacts.add(new Contact(firstCustomer + random.nextInt(customers), regular.get(random.nextInt(regular.size())),
                    channel(), workingTime(start, plan.days()), false));
        }
        // Planted repeats: customers of their own, coming back about the same issue on other channels.
        for (int r = 0; r < plan.plantedRepeats(); r++) {
            long customer = firstCustomer + customers + r;
            Issue issue = regular.get(random.nextInt(regular.size()));
            int times = 2 + random.nextInt(3);
            Instant at = workingTime(start, Math.max(1, plan.days() - 40));
            List<String> used = new ArrayList<>();
            for (int t = 0; t < times; t++) {
                String channel = channel();
                for (int tries = 0; used.contains(channel) && tries < 10; tries++) {
                    channel = channel();
                }
                used.add(channel);
                if (at.isBefore(plan.end())) {
                    contacts.add(new Contact(customer, issue, channel, at, true));
                }
                at = at.plus(Duration.ofHours(6 + random.nextInt(24 * 12)));
            }
        }
        // Planted spikes: a new issue flooding one channel, each message from its own customer.
        long spikeCustomer = firstCustomer + customers + plan.plantedRepeats();
        for (PlantedSpike spike : plan.spikes()) {
            Issue issue = ISSUES.stream().filter(i -> i.name().equals(spike.issue())).findFirst().orElseThrow();
            for (int n = 0; n < spike.hours() * spike.perHour(); n++) {
                Instant at = spike.start().plusMillis(random.nextLong(Duration.ofHours(spike.hours()).toMillis()));
                contacts.add(new Contact(spikeCustomer++, issue, spike.channel(), at, true));
            }
        }
        contacts.sort(Comparator.comparing(Contact::at));
        nextId = spikeCustomer + 1;
        List<GeneratedCase> cases = new ArrayList<>(contacts.size());
        List<TaggedInteraction> docs = new ArrayList<>(batch + 16);
        List<CaseOutcome> outcomes = new ArrayList<>(batch / 4 + 4);
        long written = 0;
        for (Contact contact : contacts) {
            long caseId = nextId++;
            String first = phrase(contact.issue());
            cases.add(new GeneratedCase(caseId, contact.customerId(), contact.issue().name(), contact.channel(),
                    contact.at(), first, contact.planted()));
            written += caseHistory(caseId, contact, first, docs, outcomes);
            if (docs.size() >= batch) {
                sink.write(docs, outcomes);
                docs = new ArrayList<>(batch + 16);
                outcomes = new ArrayList<>(batch / 4 + 4);
            }
        }
        sink.write(docs, outcomes);
        return new Generated(cases, plan.spikes(), written);
    }

    /** Writes one case's timeline and outcome; returns how many interactions it has. */
    private int caseHistory(long caseId, Contact contact, String first, List<TaggedInteraction> docs,
                            List<CaseOutcome> outcomes) {
        List<Entry> timeline = new ArrayList<>();
        Instant t = contact.at();
        double mood = clamp(contact.issue().mood() + gaussian(0.2));
        timeline.add(new Entry("INBOUND", contact.channel(), "customer", first, mood, t));
        timeline.add(new Entry("DECISION", null, "routing", "Routed to " + contact.issue().queue(), null, t.plusSeconds(1)));
        boolean selfService = random.nextDouble() < 0.3 && contact.issue().mood() > -0.45;
        String agent = AGENTS.get(random.nextInt(AGENTS.size()));
        t = t.plusSeconds(2);
        int reopenCount = 0;
        Instant resolvedAt;
        if (selfService) {
            timeline.add(new Entry("STATUS", null, "case", "The assistant handles the case", null, t));
            t = t.plusSeconds(3);
            timeline.add(new Entry("OUTBOUND", contact.channel(), "assistant", REPLIES.get(random.nextInt(REPLIES.size())), null, t));
            t = t.plusSeconds(60 + random.nextInt(1800));
            double after = clamp(mood + 0.5 + gaussian(0.2));
            timeline.add(new Entry("INBOUND", contact.channel(), "customer", HAPPY.get(random.nextInt(HAPPY.size())), after, t));
            t = t.plusSeconds(5);
            resolvedAt = t;
            timeline.add(new Entry("STATUS", null, "case", "Resolved by assistant", null, t));
        } else {
            timeline.add(new Entry("STATUS", null, "case", "Escalated to queue " + contact.issue().queue(), null, t));
            long wait = 120 + (long) (Math.abs(gaussian(1)) * 3600 * (1 + random.nextInt(3)));
            t = t.plusSeconds(wait);
            if (wait > 4 * 3600) {
                timeline.add(new Entry("STATUS", null, "sla", "SLA breached in queue " + contact.issue().queue(), null,
                        contact.at().plusSeconds(4 * 3600)));
            }
            timeline.add(new Entry("OUTBOUND", contact.channel(), agent, REPLIES.get(random.nextInt(REPLIES.size())), null, t));
            double roll = random.nextDouble();
            if (roll < 0.55) {
                t = t.plusSeconds(300 + random.nextInt(7200));
                double change = roll < 0.35 ? 0.6 : roll < 0.47 ? -0.5 : 0.1;
                List<String> texts = change > 0.3 ? HAPPY : change < 0 ? UNHAPPY : NEUTRAL;
                timeline.add(new Entry("INBOUND", contact.channel(), "customer", texts.get(random.nextInt(texts.size())),
                        clamp(mood + change + gaussian(0.15)), t));
                if (change <= 0.3) {
                    t = t.plusSeconds(600 + random.nextInt(3 * 3600));
                    timeline.add(new Entry("OUTBOUND", contact.channel(), agent, REPLIES.get(random.nextInt(REPLIES.size())), null, t));
                }
            }
            t = t.plusSeconds(60 + random.nextInt(1800));
            resolvedAt = t;
            timeline.add(new Entry("STATUS", null, "case", "Resolved by " + agent, null, t));
            if (random.nextDouble() < 0.08) {
                reopenCount = 1;
                t = t.plusSeconds(3600 + random.nextInt(48 * 3600));
                timeline.add(new Entry("INBOUND", contact.channel(), "customer", UNHAPPY.get(random.nextInt(UNHAPPY.size())),
                        clamp(mood - 0.3 + gaussian(0.15)), t));
                timeline.add(new Entry("STATUS", null, "case", "Reopened by a new customer message", null, t.plusSeconds(1)));
                t = t.plusSeconds(1800 + random.nextInt(4 * 3600));
                timeline.add(new Entry("OUTBOUND", contact.channel(), agent, REPLIES.get(random.nextInt(REPLIES.size())), null, t));
                t = t.plusSeconds(60 + random.nextInt(600));
                resolvedAt = t;
                timeline.add(new Entry("STATUS", null, "case", "Resolved by " + agent, null, t));
            }
        }
        Instant closeAt = resolvedAt.plus(Duration.ofDays(3));
        String status = "RESOLVED";
        if (closeAt.isBefore(plan.end())) {
            timeline.add(new Entry("STATUS", null, "case", "Closed: follow-up done", null, closeAt));
            status = "CLOSED";
        }
        // Only what has happened by the end of the history is written.
        List<Entry> happened = timeline.stream().filter(e -> e.at().isBefore(plan.end())).toList();
        boolean resolved = resolvedAt.isBefore(plan.end());
        if (!resolved) {
            status = selfService ? "SELF_SERVICE" : "ESCALATED";
        }
        String topic = MessageFacts.topicOf(first).name();
        for (Entry e : happened) {
            String entryTopic = "INBOUND".equals(e.kind()) || "OUTBOUND".equals(e.kind()) ? MessageFacts.topicOf(e.text()).name() : null;
            String entryAgent = "OUTBOUND".equals(e.kind()) && !"assistant".equals(e.author()) ? e.author() : null;
            docs.add(new TaggedInteraction(new InteractionDocument(nextId++, caseId, contact.customerId(), e.kind(),
                    e.channel(), e.author(), e.text(), status, e.at()), new InteractionTags(entryTopic, entryAgent, e.sentiment())));
        }
        OutcomeCalculation.Case c = new OutcomeCalculation.Case(caseId, contact.customerId(), topic,
                contact.issue().queue(), contact.channel(), status, contact.at(), resolved ? resolvedAt : null, reopenCount);
        outcomes.add(OutcomeCalculation.of(c, happened.stream().map(HistoryGenerator::entry).toList()));
        return happened.size();
    }

    private record Entry(String kind, String channel, String author, String text, Double sentiment, Instant at) {
    }

    private static OutcomeCalculation.Entry entry(Entry e) {
        OutcomeCalculation.Kind kind = switch (e.kind()) {
            case "INBOUND" -> OutcomeCalculation.Kind.CUSTOMER;
            case "OUTBOUND" -> OutcomeCalculation.Kind.REPLY;
            default -> "sla".equals(e.author()) ? OutcomeCalculation.Kind.SLA_BREACH : OutcomeCalculation.Kind.OTHER;
        };
        return new OutcomeCalculation.Entry(kind, e.author(), e.text(), e.sentiment(), e.at());
    }

    private String phrase(Issue issue) {
        String text = issue.phrasings().get(random.nextInt(issue.phrasings().size()));
        return text.replace("{plan}", PLANS.get(random.nextInt(PLANS.size())))
                .replace("{amount}", String.format(java.util.Locale.ROOT, "%d.%02d EUR", 5 + random.nextInt(120), random.nextInt(100)))
                .replace("{order}", "A" + (100000 + random.nextInt(900000)))
                .replace("{invoice}", "INV-" + (2026000 + random.nextInt(9999)))
                .replace("{code}", "E" + (100 + random.nextInt(900)))
                .replace("{street}", STREETS.get(random.nextInt(STREETS.size())))
                .replace("{product}", PRODUCTS.get(random.nextInt(PRODUCTS.size())))
                .replace("{weekday}", WEEKDAYS.get(random.nextInt(WEEKDAYS.size())));
    }

    private String channel() {
        double roll = random.nextDouble();
        for (int i = 0; i < CHANNELS.length; i++) {
            roll -= CHANNEL_SHARE[i];
            if (roll < 0) {
                return CHANNELS[i];
            }
        }
        return CHANNELS[0];
    }

    /** A moment in the period, more often on working days and in working hours (UTC). */
    private Instant workingTime(Instant start, int days) {
        while (true) {
            long offset = random.nextLong(Duration.ofDays(days).toMillis());
            Instant at = start.plusMillis(offset);
            ZonedDateTime local = at.atZone(ZoneOffset.UTC);
            int hour = local.getHour();
            double weight = hour < 7 ? 0.08 : hour < 9 ? 0.5 : hour < 18 ? 1.0 : hour < 22 ? 0.45 : 0.12;
            if (local.getDayOfWeek().getValue() >= 6) {
                weight *= 0.5;
            }
            if (random.nextDouble() < weight) {
                return at;
            }
        }
    }

    private double gaussian(double sigma) {
        // Box-Muller on the splittable generator, so the history depends on the seed alone.
        double u = Math.max(1e-12, random.nextDouble());
        double v = random.nextDouble();
        return sigma * Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    }

    private static double clamp(double value) {
        return Math.round(Math.max(-1, Math.min(1, value)) * 1000) / 1000.0;
    }
}
