package io.omnicase.routing;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.omnicase.cases.PersonRequest;
import io.omnicase.routing.facts.SentimentLabel;
import io.omnicase.routing.internal.FactValues;
import io.omnicase.routing.internal.Words;
import io.omnicase.sentiment.ChurnIntent;
import io.omnicase.sentiment.Sentiment;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The latest customer message, as the rules see it: its topic, its sentiment and the signals routing reacts to. */
@JsonIgnoreProperties(ignoreUnknown = true)
public class MessageFacts {

    private static final Pattern URGENT = Pattern.compile(
            "\\b(urgent|urgently|asap|immediately|emergency|lawyer|legal action|outage|down for everyone)\\b");
    // Money words and amounts ("29.90 EUR", "€30") are billing: "You took 29.90 EUR from my account. I want this money
    // refunded." read as an account matter and left billing (walk of 4 December).
    private static final Pattern BILLING = Pattern.compile(
            "\\b(bill|billing|billed|invoice|charge|charged|refund|refunded|refunding|overcharged|debited|payment|paid|pay"
                    + "|price|subscription|fee|money|euro|eur|usd|dollar)s?\\b|[€$£] ?\\d|\\d ?[€$£]");
    private static final Pattern TECHNICAL = Pattern.compile(
            "\\b(error|crash|crashes|bug|broken|not working|doesn'?t work|fails|failed|login|log in|password|app|install)\\b");
    /**
     * Devices and what they do ("the printer is useless"). They weigh for technical in a first message and in a
     * technical case's later messages ("my router keeps dropping the wifi since the firmware update" went to the
     * general queue: walk 46); a later message of another case is read by the words above only.
     */
    private static final Pattern DEVICE = Pattern.compile(
            "\\b(printer|printing|scanner|router|modem|internet|wi-?fi|firmware|device|offline|reboot|freezes|frozen|crashed)\\b");
    private static final Pattern ACCOUNT = Pattern.compile(
            "\\b(account|address|profile|email change|delete my|close my|cancel my)\\b");
    /**
     * A locked account is an account matter however it came about, and outweighs the words of how ("I changed my
     * password, now I cannot log in and my account is locked" tied technical, password and log in, with account, and
     * ties go technical; its reopen then left the agent who had resolved it: walk 48). Each counts twice.
     */
    private static final Pattern ACCOUNT_LOCKED = Pattern.compile(
            "\\b(locked out|unlock|unblock|account (?:is |was |got |has been |been )?(?:locked|blocked|suspended|disabled))\\b");

    private final String text;
    private final Topic topic;
    private final boolean asksForPerson;
    private final boolean churnIntent;
    private final boolean urgent;
    private final double sentiment;
    private final String lowerText;
    private Set<String> words;
    private String wordSequence;

    /** @param sentiment the message's sentiment score, -1..1 */
    @JsonCreator
    public MessageFacts(String text, double sentiment) {
        this(text, sentiment, null);
    }

    /**
     * The latest message of a case whose earlier messages were about {@code caseTopic} (null: none, or unknown): see
     * {@link #topicOf(String, Topic)}.
     */
    public MessageFacts(String text, double sentiment, Topic caseTopic) {
        this.text = text == null ? "" : text;
        String lower = this.text.toLowerCase(Locale.ROOT);
        this.lowerText = lower;
        this.asksForPerson = PersonRequest.in(this.text);
        this.churnIntent = ChurnIntent.in(this.text);
        this.urgent = URGENT.matcher(lower).find();
        this.topic = topicOf(lower, caseTopic);
        this.sentiment = sentiment;
    }

    public MessageFacts(String text, Sentiment sentiment) {
        this(text, sentiment == null ? 0 : sentiment.score());
    }

    /** What a text is about, as far as routing cares. */
    public static Topic topicOf(String text) {
        return topicOf(text, null);
    }

    /**
     * What a case's latest message is about, read beside what the case was about: the case's topic unless another
     * topic has more of the message's words (a tie stays with the case), and a message of no topic ("I want a real
     * person") keeps the case's. A first message: the topic with most of its words, a device or what one does
     * (router, wifi, firmware, offline) counting as technical; a tie goes to billing, then technical. One
     * word moved cases: "the
     * printer is useless and I'm losing money" sent a printer case to billing, and the request for a person that
     * followed sent it to general (walk 42).
     *
     * @param caseTopic what the case's earlier messages were about; null when none or unknown
     */
    public static Topic topicOf(String text, Topic caseTopic) {
        String lower = text == null ? "" : text.toLowerCase(Locale.ROOT);
        int billing = hits(BILLING, lower);
        int technical = hits(TECHNICAL, lower);
        int account = hits(ACCOUNT, lower) + 2 * hits(ACCOUNT_LOCKED, lower);
        if (caseTopic == null || caseTopic == Topic.OTHER) {
            // The topic most of its words speak of, devices counting for technical; a tie goes to billing, then
            // technical. The first topic named won: "my printer shows error E-42 since the firmware update … we need
            // it for invoices today" went to the billing queue as a billing dispute (walk 47).
            technical += hits(DEVICE, lower);
            int best = Math.max(billing, Math.max(technical, account));
            return best == 0 ? Topic.OTHER : billing == best ? Topic.BILLING : technical == best ? Topic.TECHNICAL
                    : Topic.ACCOUNT;
        }
        if (caseTopic == Topic.TECHNICAL) {
            technical += hits(DEVICE, lower);
        }
        int best = Math.max(billing, Math.max(technical, account));
        if (best == 0 || hits(caseTopic, billing, technical, account) == best) {
            return caseTopic;
        }
        // Another topic has more of the message's words ("Never mind the app. I was charged twice for my subscription").
        return billing == best ? Topic.BILLING : technical == best ? Topic.TECHNICAL : Topic.ACCOUNT;
    }

    private static int hits(Topic topic, int billing, int technical, int account) {
        return switch (topic) {
            case BILLING -> billing;
            case TECHNICAL -> technical;
            case ACCOUNT -> account;
            default -> -1;
        };
    }

    private static int hits(Pattern pattern, String lower) {
        int count = 0;
        java.util.regex.Matcher matcher = pattern.matcher(lower);
        while (matcher.find()) {
            count++;
        }
        return count;
    }

    public String getText() {
        return text;
    }

    public Topic getTopic() {
        return topic;
    }

    public boolean isAsksForPerson() {
        return asksForPerson;
    }

    /** The customer says they mean to leave (a separate fact from asking for a person); see {@link ChurnIntent}. */
    public boolean isChurnIntent() {
        return churnIntent;
    }

    public boolean isUrgent() {
        return urgent;
    }

    public double getSentiment() {
        return sentiment;
    }

    public SentimentLabel getSentimentLabel() {
        return FactValues.label(io.omnicase.sentiment.SentimentLabel.of(sentiment));
    }

    /** Whether the text holds the given text, ignoring case; what a rule row's "contains" condition asks. */
    public boolean containsText(String part) {
        return part != null && Words.contains(lowerText, part.toLowerCase(Locale.ROOT));
    }

    /**
     * Whether the text has at least one of the given words (whole words of letters and digits, ignoring case); what
     * a rule row's "mentions any of the words" condition asks. In a list separated by commas, an entry of several
     * words is a phrase: its words in that order ("money back", "charged again"). Each word of it counted on its own,
     * so a supervisor who added "charged again, money back" escalated every message with "charged" or "back" in it,
     * while the page said the rules were valid (walk 47). A list without commas is single words, as before.
     */
    public boolean mentionsAnyOf(String wordList) {
        if (words == null) {
            words = Words.of(lowerText);
        }
        boolean phrases = wordList != null && wordList.indexOf(',') >= 0;
        for (String entry : phrases ? wordList.split(",") : new String[] {wordList}) {
            java.util.List<String> entryWords = PersonRequest.words(entry == null ? null : entry.toLowerCase(Locale.ROOT));
            if (phrases && entryWords.size() > 1) {
                if (wordSequence == null) {
                    wordSequence = " " + String.join(" ", PersonRequest.words(lowerText)) + " ";
                }
                if (Words.contains(wordSequence, " " + String.join(" ", entryWords) + " ")) {
                    return true;
                }
                continue;
            }
            for (String word : entryWords) {
                if (words.contains(word)) {
                    return true;
                }
            }
        }
        return false;
    }
}
