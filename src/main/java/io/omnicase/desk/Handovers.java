package io.omnicase.desk;

import io.omnicase.assistant.SelfService;
import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import org.springframework.stereotype.Service;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/** Builds a case's handover from the case's timeline, the customer, and what the assistant recorded. */
@Service
public class Handovers {

    private static final int QUOTE = 160;
    private static final java.time.Duration REPEAT_WINDOW = java.time.Duration.ofDays(30);
    private static final java.time.format.DateTimeFormatter UTC_MINUTE =
            java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(java.time.ZoneOffset.UTC);

    private final CaseManagement cases;
    private final Customers customers;
    private final SelfService selfService;
    private final io.omnicase.security.UserAccounts users;

    Handovers(CaseManagement cases, Customers customers, SelfService selfService, io.omnicase.security.UserAccounts users) {
        this.users = users;
        this.cases = cases;
        this.customers = customers;
        this.selfService = selfService;
    }

    /**
     * The handover as a reader sees it: earlier cases only those {@code visible} lets through.
     *
     * @throws io.omnicase.cases.CaseNotFoundException if there is no such case
     */
    public Handover of(CaseId id, java.util.function.Predicate<CaseView> visible) {
        CaseView view = cases.find(id).orElseThrow(() -> new io.omnicase.cases.CaseNotFoundException(id.value()));
        List<TimelineEntry> timeline = cases.timeline(id);
        List<Handover.Message> transcript = timeline.stream()
                .filter(e -> e.kind() == InteractionKind.INBOUND || e.kind() == InteractionKind.OUTBOUND)
                .map(e -> new Handover.Message(e.kind().name(), e.channel(), e.author(), e.text(), e.occurredAt(), deliveryOf(e)))
                .toList();
        List<Handover.AssistantTry> tries = selfService.attempts(id).stream()
                .map(a -> new Handover.AssistantTry(a.question(), a.answered(), a.answer(), a.topic(), a.confidence(),
                        a.sources(), a.reason(), a.at(), a.answered() ? reactionTo(a.at(), transcript) : null))
                .toList();
        Handover.RoutingPart placing = timeline.stream()
                .flatMap(e -> e.decision().map(d -> new Handover.RoutingPart(d.selfService(), d.queue(), d.priority(),
                        d.rulesFired(), d.ruleSetVersion(), e.occurredAt(), null)).stream())
                .reduce((first, second) -> second).orElse(null);
        Handover.RoutingPart routing = placing == null || !placing.selfService() ? placing
                : new Handover.RoutingPart(true, placing.queue(), placing.priority(), placing.reasons(),
                placing.ruleSetVersion(), placing.decidedAt(), handedToPerson(timeline, placing.decidedAt(), tries));
        Handover.CustomerPart customer = customers.find(new CustomerId(view.customerId()))
                .map(c -> new Handover.CustomerPart(view.customerId(), c.shownName(), c.tier(), c.identities()))
                .orElse(null);
        List<Handover.EarlierCase> earlier = cases.ofCustomer(new CustomerId(view.customerId())).stream()
                .filter(c -> c.id() != view.id())
                // Earlier: opened before this case (a case the customer opened later is no earlier contact).
                .filter(c -> c.openedAt().isBefore(view.openedAt()))
                .filter(visible)
                .sorted(Comparator.comparing(CaseView::openedAt).reversed())
                .map(c -> new Handover.EarlierCase(c.id(), c.status().name(), c.subject(), c.channel().name(),
                        c.openedAt(), c.resolvedAt()))
                .toList();
        boolean repeat = earlier.stream().anyMatch(c -> c.openedAt().isAfter(view.openedAt().minus(REPEAT_WINDOW)));
        // What the next holder needs from the colleagues before them: the last thing a person told the customer (a
        // promise, a question), and why the case was handed on.
        String lastReply = timeline.stream()
                .filter(e -> e.kind() == InteractionKind.OUTBOUND && e.author() != null
                        && !e.author().startsWith(CaseManagement.ASSISTANT))
                .reduce((first, second) -> second)
                .map(e -> lastReply(users.nameOf(e.author()), e.text(), deliveryOf(e))).orElse(null);
        java.util.Optional<TimelineEntry> handing = timeline.stream()
                .filter(e -> e.detail() instanceof io.omnicase.cases.EntryDetail.Fields fields
                        && fields.values().containsKey("reassignedTo") && e.text() != null)
                .reduce((first, second) -> second);
        String handedOn = handing.map(e -> e.text().endsWith(".") ? e.text() : e.text() + ".").orElse(null);
        String handedOnTo = handing.map(e -> ((io.omnicase.cases.EntryDetail.Fields) e.detail()).values().get("reassignedTo"))
                .map(String::valueOf).orElse(null);
        String summary = summary(customer, transcript, tries, routing, earlier, lastReply, handedOn,
                new Placement(view.queue(), view.priority()))
                + (repeat ? " Repeat contact: another case within " + REPEAT_WINDOW.toDays() + " days." : "");
        return new Handover(view.id(), view.status().name(), summary, customer, transcript, tries, routing, earlier, repeat,
                handedOn, handedOnTo, handing.map(TimelineEntry::occurredAt).orElse(null));
    }

    /** Where a case sits now: its queue and priority, which a supervisor may have changed since the rules placed it. */
    record Placement(String queue, Integer priority) {

        /** Whether the case sits elsewhere now than {@code routing} placed it (a decision for a person only). */
        boolean movedSince(Handover.RoutingPart routing) {
            return !routing.selfService() && (queue != null && !queue.equalsIgnoreCase(String.valueOf(routing.queue()))
                    || priority != null && routing.priority() != null && !priority.equals(routing.priority()));
        }

        String words() {
            return "queue " + queue + ", " + io.omnicase.cases.PriorityWords.of(priority) + " priority";
        }
    }

    /**
     * For a case the rules gave the assistant: whether it then went to a person (the status moved from self-service to
     * escalated after the decision) and why, from the assistant's last try; null when it did not. Without this the
     * desk said "Self-service" for every case the assistant handed on, after escalation and resolution alike.
     */
    private static String handedToPerson(List<TimelineEntry> timeline, java.time.Instant decidedAt,
                                         List<Handover.AssistantTry> tries) {
        return timeline.stream()
                .filter(e -> e.kind() == InteractionKind.STATUS && !e.occurredAt().isBefore(decidedAt))
                .filter(e -> e.detail() instanceof io.omnicase.cases.EntryDetail.Fields fields
                        && "SELF_SERVICE".equals(String.valueOf(fields.values().get("from")))
                        && "ESCALATED".equals(String.valueOf(fields.values().get("to"))))
                .reduce((first, second) -> second)
                .map(e -> {
                    String queue = e.text() != null && e.text().startsWith("Escalated to queue ")
                            ? " in queue " + e.text().substring("Escalated to queue ".length()).split(" ", 2)[0] : "";
                    Handover.AssistantTry last = tries.isEmpty() ? null : tries.get(tries.size() - 1);
                    String why = last == null || last.answered() || last.declineReason() == null ? ""
                            : ": " + midSentence(last.declineReason());
                    return "the assistant handed it to a person" + queue + why;
                }).orElse(null);
    }

    /** "No", "nope", "not really", "that's not it" at the start of a message: the customer turns an answer down. */
    private static final java.util.regex.Pattern SAYS_NO = java.util.regex.Pattern.compile(
            "^(?:no|nope|nah|not really|that'?s not it|that is not it|this is not it)\\b.*", java.util.regex.Pattern.DOTALL);

    /** What the customer's first message after an answer given at {@code answeredAt} said to it; null if nothing. */
    static Handover.Reaction reactionTo(java.time.Instant answeredAt, List<Handover.Message> transcript) {
        return transcript.stream()
                .filter(m -> "INBOUND".equals(m.direction()) && m.at() != null && m.at().isAfter(answeredAt))
                .findFirst().map(m -> reaction(m.text())).orElse(null);
    }

    /** What a customer's message says to the answer before it: helped, did not help, a person wanted; null if none. */
    static Handover.Reaction reaction(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(java.util.Locale.ROOT);
        io.omnicase.assistant.CustomerReply reply = io.omnicase.assistant.CustomerReply.of(t);
        if (reply == io.omnicase.assistant.CustomerReply.CONFIRMS) {
            return Handover.Reaction.CONFIRMED;
        }
        boolean person = io.omnicase.cases.PersonRequest.in(t);
        boolean no = SAYS_NO.matcher(t).matches() || reply == io.omnicase.assistant.CustomerReply.WANTS_PERSON && !person;
        return no && person ? Handover.Reaction.REJECTED_AND_ASKED_FOR_PERSON
                : no ? Handover.Reaction.REJECTED : person ? Handover.Reaction.ASKED_FOR_PERSON : null;
    }

    private static String channelWord(Enum<?> channel) {
        return switch (channel.name()) {
            case "SMS" -> "SMS";
            case "WHATSAPP" -> "WhatsApp";
            case "CHAT" -> "web chat";
            default -> channel.name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    private static String capitalized(String code) {
        return code.isEmpty() ? code : code.charAt(0) + code.substring(1).toLowerCase(java.util.Locale.ROOT);
    }

    /** A rule's reason inside a sentence: "A customer who..." reads "a customer who..." after "because". */
    private static String midSentence(String reason) {
        // "A message about billing..." reads "a message about billing..." after "because"; "I", "VIP" and "SLA" stay.
        String first = reason.split("[\\s,.:;]", 2)[0];
        boolean keep = first.isEmpty() || first.equals("I") || first.length() > 1 && first.equals(first.toUpperCase(java.util.Locale.ROOT));
        return !keep && Character.isUpperCase(reason.charAt(0))
                ? Character.toLowerCase(reason.charAt(0)) + reason.substring(1) : reason;
    }

    /** Plain sentences from the facts above; no model, so the summary never says what the case does not hold. */
    static String summary(Handover.CustomerPart customer, List<Handover.Message> transcript,
                          List<Handover.AssistantTry> tries, Handover.RoutingPart routing,
                          List<Handover.EarlierCase> earlier, String lastReply, String handedOn, Placement now) {
        List<String> sentences = new ArrayList<>();
        List<Handover.Message> inbound = transcript.stream().filter(m -> "INBOUND".equals(m.direction())).toList();
        Set<String> channels = new LinkedHashSet<>(inbound.stream().map(Handover.Message::channel)
                .filter(Objects::nonNull).map(Handovers::channelWord).toList());
        String who = customer == null || customer.displayName() == null ? "The customer" : customer.displayName();
        String tier = customer == null || customer.tier() == null ? "" : " (" + capitalized(customer.tier().toString()) + ")";
        if (!inbound.isEmpty()) {
            sentences.add(who + tier + " wrote " + inbound.size() + (inbound.size() == 1 ? " message" : " messages")
                    + " via " + String.join(", ", channels) + ", first: \"" + quote(inbound.get(0).text()) + "\""
                    + (inbound.size() > 1 ? "; latest: \"" + quote(inbound.get(inbound.size() - 1).text()) + "\"" : "")
                    + ".");
        }
        if (tries.isEmpty()) {
            sentences.add("The assistant did not handle this case.");
        } else {
            long answered = tries.stream().filter(Handover.AssistantTry::answered).count();
            Handover.AssistantTry last = tries.get(tries.size() - 1);
            sentences.add("The assistant tried " + tries.size() + (tries.size() == 1 ? " time" : " times") + " ("
                    + answered + " answered); last: " + (last.answered()
                    ? "answered about " + (last.topic() == null ? "its topic" : last.topic().toLowerCase(java.util.Locale.ROOT))
                    + ", " + Math.round(last.confidence() * 100) + " % sure"
                    + (last.customerReaction() == null ? "" : "; the customer " + last.customerReaction().words())
                    : "declined because " + last.declineReason()) + ".");
        }
        if (lastReply != null) {
            sentences.add(lastReply);
        }
        if (handedOn != null) {
            sentences.add(handedOn);
        }
        if (routing != null) {
            // The rules' placement is history once a person moved the case: the current one is said first, the rules'
            // marked with its time, so the text never contradicts the case's header (walk 45, P12).
            Placement placed = new Placement(routing.queue(), routing.priority());
            sentences.add("Routing: " + (routing.selfService() ? "self-service" + (routing.handedToPerson() == null ? "" : " at first")
                    : now != null && now.movedSince(routing) ? "now " + new Placement(now.queue() == null ? routing.queue()
                    : now.queue(), now.priority() == null ? routing.priority() : now.priority()).words()
                    + "; at handover (" + UTC_MINUTE.format(routing.decidedAt()) + " UTC) " + placed.words()
                    : placed.words())
                    + (routing.reasons().isEmpty() ? ""
                    : ", because " + String.join("; ", routing.reasons().stream().map(Handovers::midSentence).toList()))
                    + (routing.handedToPerson() == null ? "" : "; then " + routing.handedToPerson()) + ".");
        }
        sentences.add(earlier.isEmpty() ? "No earlier cases." : earlier.size() + " earlier "
                + (earlier.size() == 1 ? "case" : "cases") + ", latest #" + earlier.get(0).id() + " ("
                + earlier.get(0).status().toLowerCase(java.util.Locale.ROOT) + (earlier.get(0).subject() == null ? "" : ": " + quote(earlier.get(0).subject()))
                + ").");
        return String.join(" ", sentences);
    }

    /** How far an outbound entry got, as the timeline shows it; null when nothing was reported. */
    private static String deliveryOf(TimelineEntry e) {
        return e.detail() instanceof io.omnicase.cases.EntryDetail.Fields fields && fields.values().get("delivery") != null
                ? String.valueOf(fields.values().get("delivery")) : null;
    }

    /**
     * The last thing a person told the customer, and whether it reached them: walk 46's handover said "Last reply by
     * Alex Agent: 'I will make sure the second payment is refunded'" for a reply that never left, and the next holder
     * would take it that the customer knew.
     */
    static String lastReply(String name, String text, String delivery) {
        return "Last reply by " + name + ("FAILED".equals(delivery) ? " (not sent: the customer did not get it)" : "")
                + ": \"" + quote(text) + "\".";
    }

    private static String quote(String text) {
        String oneLine = text == null ? "" : text.replaceAll("\\s+", " ").strip();
        return oneLine.length() <= QUOTE ? oneLine : oneLine.substring(0, QUOTE) + "…";
    }
}
