package io.omnicase.desk;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseOverview;
import io.omnicase.cases.CaseView;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer;
import io.omnicase.customers.CustomerId;
import io.omnicase.customers.Customers;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseWork;
import io.omnicase.routing.Queue;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The desk's queue list: the case tasks of the user's queues and their own, each with its case, customer, waiting time,
 * SLA state and mood; filtered by tab, words, channel and queue; breached first, then by priority, then by SLA
 * deadline. Only cases the case access policy lets the user read are listed.
 */
@Service
public class DeskQueue {

    /** Which tasks a tab shows. */
    public enum Tab {
        /** Assigned to me. */
        MINE,
        /** Everything in my queues, mine included. */
        QUEUES,
        /** Not claimed by anyone. */
        UNASSIGNED;

        boolean shows(QueueItem item, String me) {
            return switch (this) {
                case MINE -> me.equals(item.assignee());
                case QUEUES -> true;
                case UNASSIGNED -> item.assignee() == null;
            };
        }

        String word() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What the user's filters let through, and how many items each tab holds under the same filters. */
    public record Listing(List<QueueItem> items, Map<String, Integer> counts) {
    }

    /** The filters beside the tab; a null one lets everything through. */
    public record Filter(String text, Channel channel, String queue) {
    }

    static final int LAST_MESSAGE = 140;
    static final Duration AT_RISK_LEFT = Duration.ofMinutes(15);

    static final Comparator<QueueItem> ORDER = Comparator
            .comparing((QueueItem item) -> !"breached".equals(item.slaState()))
            .thenComparing(QueueItem::priority, Comparator.reverseOrder())
            .thenComparing(item -> item.slaDue() == null ? Instant.MAX : item.slaDue())
            .thenComparing(QueueItem::caseId);

    private final CaseWork work;
    private final CaseManagement cases;
    private final CaseAccess access;
    private final Customers customers;
    private final Clock clock = Clock.systemUTC();

    DeskQueue(CaseWork work, CaseManagement cases, CaseAccess access, Customers customers) {
        this.work = work;
        this.cases = cases;
        this.access = access;
        this.customers = customers;
    }

    /** The user's queue list for a tab and filters. */
    public Listing list(String username, Tab tab, Filter filter) {
        List<QueueItem> all = items(username, work.queueTasks(username, queuesOf(username))).stream()
                .filter(matching(filter)).toList();
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (Tab each : Tab.values()) {
            counts.put(each.word(), (int) all.stream().filter(item -> each.shows(item, username)).count());
        }
        return new Listing(all.stream().filter(item -> tab.shows(item, username)).sorted(ORDER).toList(), counts);
    }

    /** One task as a row of the queue list (after a claim); empty when the task is gone. */
    public Optional<QueueItem> item(String username, CaseTask task) {
        return items(username, List.of(task)).stream().findFirst();
    }

    /** The queues the user's list shows: those of their account; a supervisor or admin without any sees every queue. */
    private Set<String> queuesOf(String username) {
        Set<String> queues = access.queues(username);
        if (queues.isEmpty() && access.takesOverClaimedTasks(username)) {
            return Arrays.stream(Queue.values()).map(Queue::group).collect(Collectors.toSet());
        }
        return queues;
    }

    /**
     * These tasks as rows, as a reader of every case sees them: the supervisor floor, which builds each row once for all
     * its followers and decides itself who sees which queue. Tasks whose case is gone are left out.
     */
    public List<QueueItem> rows(List<CaseTask> tasks) {
        return items(view -> true, tasks);
    }

    private List<QueueItem> items(String username, List<CaseTask> tasks) {
        return tasks.isEmpty() ? List.of() : items(access.readable(username), tasks);
    }

    private List<QueueItem> items(Predicate<CaseView> readable, List<CaseTask> tasks) {
        if (tasks.isEmpty()) {
            return List.of();
        }
        Map<Long, CaseOverview> overviews = cases.overviews(tasks.stream().map(t -> t.caseId().value()).toList()).stream()
                .collect(Collectors.toMap(o -> o.view().id(), Function.identity()));
        Map<Long, String> names = new HashMap<>();
        Instant now = clock.instant();
        return tasks.stream()
                .filter(task -> overviews.containsKey(task.caseId().value()))
                .filter(task -> readable.test(overviews.get(task.caseId().value()).view()))
                .map(task -> {
                    CaseOverview overview = overviews.get(task.caseId().value());
                    CaseView view = overview.view();
                    String name = names.computeIfAbsent(view.customerId(), id -> customers.find(new CustomerId(id))
                            .map(Customer::shownName).orElse("Customer #" + id));
                    return new QueueItem(task.id(), view.id(), view.subject(), view.customerId(), name,
                            view.channel().name(), task.queue(), task.priority(), task.assignee(), view.status().name(),
                            overview.waitingSince(), task.created(),
                            task.slaDue(), slaState(task.created(), task.slaDue(), now), QueueItem.Mood.of(view.sentiment()),
                            oneLine(overview.lastMessage()));
                })
                .toList();
    }

    /** Breached once due; at risk with less than a quarter of the window, or less than 15 minutes, left. */
    public static String slaState(Instant created, Instant due, Instant now) {
        if (due == null) {
            return "ok";
        }
        Duration left = Duration.between(now, due);
        if (left.isNegative() || left.isZero()) {
            return "breached";
        }
        Duration window = created == null ? Duration.ZERO : Duration.between(created, due);
        boolean little = left.compareTo(AT_RISK_LEFT) < 0 || left.multipliedBy(4).compareTo(window) < 0;
        return little ? "at-risk" : "ok";
    }

    /**
     * The message on one line, at most {@link #LAST_MESSAGE} characters; a cut one ends in "…" (the live floor wraps the
     * preview instead of cutting it in CSS, and Greta's read "…from the next invoice on. I woul" as if that was all; walk 49).
     */
    static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.replaceAll("\\s+", " ").strip();
        return line.codePointCount(0, line.length()) <= LAST_MESSAGE ? line
                : line.substring(0, line.offsetByCodePoints(0, LAST_MESSAGE - 1)) + "…";
    }

    /** Words match the subject, the customer's name or the case number ("#301" or "301"). */
    static Predicate<QueueItem> matching(Filter filter) {
        Predicate<QueueItem> all = item -> true;
        if (filter.channel() != null) {
            all = all.and(item -> filter.channel().name().equals(item.channel()));
        }
        if (filter.queue() != null && !filter.queue().isBlank()) {
            all = all.and(item -> filter.queue().strip().equalsIgnoreCase(item.queue()));
        }
        String text = filter.text() == null ? "" : filter.text().strip().toLowerCase(Locale.ROOT);
        if (!text.isEmpty()) {
            String number = text.startsWith("#") ? text.substring(1) : text;
            boolean isNumber = number.matches("\\d{1,18}");
            boolean onlyNumber = text.startsWith("#") && isNumber;
            all = all.and(item -> isNumber && Long.parseLong(number) == item.caseId()
                    || !onlyNumber && (contains(item.subject(), text) || contains(item.customerName(), text)));
        }
        return all;
    }

    private static boolean contains(String value, String lowerCaseText) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(lowerCaseText);
    }
}
