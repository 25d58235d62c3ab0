package io.omnicase.routing;

import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.SentimentLabel;
import io.omnicase.routing.facts.SentimentTrend;
import io.omnicase.routing.facts.Tier;

import java.util.Arrays;
import java.util.List;

/**
 * Every field of the fact model a rule row may test: which fact it belongs to, the property the rules read, its type,
 * and for numbers the range a condition may use. The only names the rule generator ever writes into a condition.
 */
public enum FactField {
    CASE_CHANNEL(Fact.CASE, "channel", "channel", ValueType.CHOICE, Channel.class),
    CASE_STATUS(Fact.CASE, "status", "status", ValueType.CHOICE, CaseStatus.class),
    CASE_AGE_HOURS(Fact.CASE, "ageHours", "age in hours", ValueType.INTEGER, 0, 1_000_000),
    CASE_MESSAGE_COUNT(Fact.CASE, "messageCount", "customer messages", ValueType.INTEGER, 0, 1_000_000),
    CASE_REOPEN_COUNT(Fact.CASE, "reopenCount", "times reopened", ValueType.INTEGER, 0, 1_000_000),
    CASE_ROLLING_SENTIMENT(Fact.CASE, "rollingSentiment", "rolling sentiment (-1..1)", ValueType.DECIMAL, -1, 1),
    CASE_SENTIMENT_TREND(Fact.CASE, "sentimentTrend", "sentiment trend", ValueType.CHOICE, SentimentTrend.class),
    CUSTOMER_TIER(Fact.CUSTOMER, "tier", "tier", ValueType.CHOICE, Tier.class),
    CUSTOMER_OPEN_CASES(Fact.CUSTOMER, "openCases", "open cases", ValueType.INTEGER, 0, 1_000_000),
    CUSTOMER_RECENT_CASES(Fact.CUSTOMER, "recentCases", "cases in 90 days", ValueType.INTEGER, 0, 1_000_000),
    CUSTOMER_SAME_TOPIC_COMPLAINTS(Fact.CUSTOMER, "sameTopicComplaints", "complaints about the same topic in 90 days",
            ValueType.INTEGER, 0, 1_000_000),
    CUSTOMER_REPEAT_COUNT(Fact.CUSTOMER, "repeatCount", "contacts about the same issue in 90 days (this one included)",
            ValueType.INTEGER, 0, 1_000_000),
    CUSTOMER_DAYS_SINCE_LAST_CONTACT(Fact.CUSTOMER, "daysSinceLastContact",
            "days since the last contact about the same issue", ValueType.INTEGER, 0, 1_000_000),
    CUSTOMER_PREVIOUS_OUTCOME(Fact.CUSTOMER, "previousOutcome", "outcome of the previous case about the same issue",
            ValueType.CHOICE, PreviousOutcome.class),
    MESSAGE_TEXT(Fact.MESSAGE, "text", "text", ValueType.TEXT),
    MESSAGE_TOPIC(Fact.MESSAGE, "topic", "topic", ValueType.CHOICE, Topic.class),
    MESSAGE_ASKS_FOR_PERSON(Fact.MESSAGE, "asksForPerson", "asks for a person", ValueType.BOOLEAN),
    MESSAGE_CHURN_INTENT(Fact.MESSAGE, "churnIntent", "means to leave (cancel, switch provider)", ValueType.BOOLEAN),
    MESSAGE_URGENT(Fact.MESSAGE, "urgent", "is urgent", ValueType.BOOLEAN),
    MESSAGE_SENTIMENT(Fact.MESSAGE, "sentiment", "sentiment (-1..1)", ValueType.DECIMAL, -1, 1),
    MESSAGE_SENTIMENT_LABEL(Fact.MESSAGE, "sentimentLabel", "sentiment label", ValueType.CHOICE, SentimentLabel.class);

    /** The three facts a decision reads, with the class the rules match. */
    public enum Fact {
        CASE("CaseFacts", "Case"), CUSTOMER("CustomerFacts", "Customer"), MESSAGE("MessageFacts", "Message");

        private final String type;
        private final String label;

        Fact(String type, String label) {
            this.type = type;
            this.label = label;
        }

        /** The fact class's simple name, as the generated rules import it. */
        public String type() {
            return type;
        }

        public String label() {
            return label;
        }
    }

    private final Fact fact;
    private final String property;
    private final String label;
    private final ValueType type;
    private final Class<? extends Enum<?>> choices;
    private final long min;
    private final long max;

    FactField(Fact fact, String property, String label, ValueType type) {
        this(fact, property, label, type, null, 0, 0);
    }

    FactField(Fact fact, String property, String label, ValueType type, Class<? extends Enum<?>> choices) {
        this(fact, property, label, type, choices, 0, 0);
    }

    FactField(Fact fact, String property, String label, ValueType type, long min, long max) {
        this(fact, property, label, type, null, min, max);
    }

    FactField(Fact fact, String property, String label, ValueType type, Class<? extends Enum<?>> choices, long min,
              long max) {
        this.fact = fact;
        this.property = property;
        this.label = label;
        this.type = type;
        this.choices = choices;
        this.min = min;
        this.max = max;
    }

    public Fact fact() {
        return fact;
    }

    /** The property of the fact class that the generated condition reads. */
    public String property() {
        return property;
    }

    public String label() {
        return fact.label() + " " + label;
    }

    public ValueType type() {
        return type;
    }

    /** For a {@link ValueType#CHOICE} field: its enum type; otherwise null. */
    public Class<? extends Enum<?>> choiceType() {
        return choices;
    }

    /** For a {@link ValueType#CHOICE} field: the names of its constants; otherwise empty. */
    public List<String> choiceNames() {
        return choices == null ? List.of() : Arrays.stream(choices.getEnumConstants()).map(Enum::name).toList();
    }

    /** For numbers: the smallest value a condition may use. */
    public long min() {
        return min;
    }

    /** For numbers: the largest value a condition may use. */
    public long max() {
        return max;
    }

    public List<RuleOperator> operators() {
        return RuleOperator.validFor(type);
    }
}
