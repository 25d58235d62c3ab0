package io.omnicase.supervision;

import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseActivity;
import io.omnicase.cases.CaseId;
import io.omnicase.customers.Channel;
import io.omnicase.desk.DeskQueue;
import io.omnicase.desk.QueueItem;
import io.omnicase.process.CaseTask;
import io.omnicase.process.CaseWork;
import io.omnicase.routing.Queue;
import io.omnicase.security.Role;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.springframework.stereotype.Service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The live floor's state: every case task of every queue as a row (the case, its customer, wait, SLA, mood), kept in
 * memory while someone watches the floor, so a change is read once, for all watchers, and each watcher's view (their
 * queues) is cut from it without asking the database again. {@link #load} reads everything (a watcher arrives, and
 * now and then to catch what no event told); {@link #refresh} reads only the cases an event named.
 */
@Service
public class SupervisorFloor {

    /** How far back the charts go. */
    static final int HOURS = 24;

    private final CaseWork work;
    private final DeskQueue desk;
    private final CaseAccess access;
    private final UserAccounts users;
    private final CaseActivity activity;
    private final FloorAlerts alerts;
    private final Clock clock;

    private final Map<Long, QueueItem> rows = new ConcurrentHashMap<>();
    private final Map<String, Instant> lastActive = new ConcurrentHashMap<>();
    private volatile List<UserAccount> agents = List.of();
    private volatile boolean live;

    SupervisorFloor(CaseWork work, DeskQueue desk, CaseAccess access, UserAccounts users, CaseActivity activity,
                    FloorAlerts alerts) {
        this.work = work;
        this.desk = desk;
        this.access = access;
        this.users = users;
        this.activity = activity;
        this.alerts = alerts;
        this.clock = Clock.systemUTC();
    }

    /** A conversation row that changed: {@code before} null when it is new, {@code after} null when it left the floor. */
    public record Change(long caseId, QueueItem before, QueueItem after) {
    }

    /** The queues and agents of a floor: what changes with every row. */
    public record Figures(List<Floor.QueueFigures> queues, List<Floor.AgentFigures> agents) {
    }

    /**
     * The queues a user's floor shows: those on their account; every queue (null) for an admin or a supervisor whose
     * account lists none.
     *
     * @throws io.omnicase.cases.CaseAccessDeniedException for anyone but a supervisor or an admin
     */
    public Set<String> queuesOf(String username) {
        UserAccount account = users.find(username)
                .filter(user -> user.roles().contains(Role.SUPERVISOR) || user.roles().contains(Role.ADMIN))
                .orElseThrow(() -> new io.omnicase.cases.CaseAccessDeniedException("The live floor is for supervisors"));
        if (account.roles().contains(Role.ADMIN)) {
            return null;
        }
        Set<String> queues = access.queues(username);
        return queues.isEmpty() ? null : Set.copyOf(queues);
    }

    /**
     * The floor as the user sees it now, read afresh (the API's snapshot; it leaves the rows the feed keeps alone, so
     * the feed's watchers still hear of every change).
     */
    public Floor snapshot(String username) {
        Set<String> queues = queuesOf(username);
        if (!live) {
            load();
            return view(queues);
        }
        Map<Long, QueueItem> fresh = readRows();
        return view(queues, fresh, figures(queues, fresh.values()));
    }

    /** The floor of these queues (null: every queue) from the rows held in memory, with alerts and charts. */
    public Floor view(Set<String> queues) {
        return view(queues, rows, figures(queues));
    }

    private Map<Long, QueueItem> readRows() {
        List<CaseTask> tasks = work.openTasks(Arrays.stream(Queue.values()).map(Queue::group).toList());
        return desk.rows(tasks).stream().collect(Collectors.toMap(QueueItem::caseId, Function.identity(), (a, b) -> a));
    }

    private Floor view(Set<String> queues, Map<Long, QueueItem> rows, Figures figures) {
        List<QueueItem> conversations = rows.values().stream().filter(row -> shows(queues, row))
                .sorted(WORST_FIRST).toList();
        Instant now = clock.instant();
        List<Instant> hours = hours(now);
        Map<String, int[]> volume = new LinkedHashMap<>();
        Arrays.stream(Channel.values()).forEach(channel -> volume.put(channel.name(), new int[HOURS]));
        double[] moodSum = new double[HOURS];
        int[] moodCount = new int[HOURS];
        int[] messages = new int[HOURS];
        for (CaseActivity.HourlyMessages bucket : activity.customerMessagesPerHour(hours.get(0), queues)) {
            int index = (int) Duration.between(hours.get(0), bucket.hour()).toHours();
            if (index < 0 || index >= HOURS) {
                continue;
            }
            if (bucket.channel() != null) {
                volume.get(bucket.channel().name())[index] += bucket.messages();
            }
            messages[index] += bucket.messages();
            if (bucket.averageSentiment() != null) {
                moodSum[index] += bucket.averageSentiment() * bucket.messages();
                moodCount[index] += bucket.messages();
            }
        }
        Map<String, List<Integer>> byChannel = new LinkedHashMap<>();
        volume.forEach((channel, counts) -> byChannel.put(channel, Arrays.stream(counts).boxed().toList()));
        List<Double> average = new ArrayList<>();
        for (int i = 0; i < HOURS; i++) {
            average.add(moodCount[i] == 0 ? null : Math.round(moodSum[i] / moodCount[i] * 1000) / 1000.0);
        }
        return new Floor(figures.queues(), figures.agents(), conversations, alerts.latest(queues, FloorAlerts.SHOWN),
                new Floor.Volume(hours, byChannel), new Floor.SentimentSeries(hours, average,
                Arrays.stream(messages).boxed().toList()), now);
    }

    /** The last {@link #HOURS} hours' starts, oldest first, the current hour last. */
    static List<Instant> hours(Instant now) {
        Instant current = now.truncatedTo(ChronoUnit.HOURS);
        List<Instant> hours = new ArrayList<>();
        for (int i = HOURS - 1; i >= 0; i--) {
            hours.add(current.minus(Duration.ofHours(i)));
        }
        return hours;
    }

    /** Reads every case task of every queue again, and the agents; answers what changed since the last read. */
    public synchronized List<Change> load() {
        // Rows kept while nobody watched are stale: a case they held may have left its holder at any time since, so
        // "now" is no release time; what the holder last wrote is. The first supervisor to open the floor read
        // "Alex Agent idle 4 s", eighteen minutes after Alex's last work (walk 47).
        boolean watched = live;
        Map<Long, QueueItem> fresh = readRows();
        List<Change> changes = new ArrayList<>();
        for (QueueItem before : List.copyOf(rows.values())) {
            if (!fresh.containsKey(before.caseId())) {
                changes.add(new Change(before.caseId(), before, null));
                rows.remove(before.caseId());
                if (watched) {
                    released(before, null);
                }
            }
        }
        fresh.forEach((caseId, after) -> {
            QueueItem before = rows.put(caseId, after);
            if (!after.equals(before)) {
                changes.add(new Change(caseId, before, after));
                if (watched) {
                    released(before, after);
                }
            }
        });
        agents = users.all().stream().filter(user -> user.roles().contains(Role.AGENT)).toList();
        activity.lastWrittenBy(agents.stream().map(UserAccount::username).toList())
                .forEach(this::wrote);
        live = true;
        return changes;
    }

    /** Reads these cases' rows again; answers those that changed. */
    public synchronized List<Change> refresh(Collection<Long> caseIds) {
        List<Change> changes = new ArrayList<>();
        for (long caseId : caseIds) {
            Optional<QueueItem> after = work.taskOf(new CaseId(caseId)).flatMap(task -> desk.rows(List.of(task)).stream().findFirst());
            QueueItem before = after.isPresent() ? rows.put(caseId, after.get()) : rows.remove(caseId);
            if (!Objects.equals(before, after.orElse(null))) {
                changes.add(new Change(caseId, before, after.orElse(null)));
                released(before, after.orElse(null));
            }
        }
        return changes;
    }

    /** Nobody watches: the rows go stale, so the next watcher (or snapshot) reads everything again. */
    public void forget() {
        live = false;
    }

    public boolean live() {
        return live;
    }

    /** The queue a case's row sits in now; empty when the floor holds no row for it. */
    public Optional<String> queueOf(long caseId) {
        return Optional.ofNullable(rows.get(caseId)).map(row -> lower(row.queue()));
    }

    /** Someone wrote on a timeline (a reply, a note): an agent's idle time starts again. */
    public void wrote(String author, Instant at) {
        if (author != null && at != null) {
            lastActive.merge(author, at, (a, b) -> a.isAfter(b) ? a : b);
        }
    }

    /** A task left its holder: from now on they may be idle. */
    private void released(QueueItem before, QueueItem after) {
        if (before != null && before.assignee() != null
                && (after == null || !before.assignee().equals(after.assignee()))) {
            wrote(before.assignee(), clock.instant());
        }
    }

    /** Whether a floor of these queues (null: every queue) shows the row. */
    public static boolean shows(Set<String> queues, QueueItem row) {
        return row != null && (queues == null || queues.contains(lower(row.queue())));
    }

    /** The queues' and agents' figures of a floor of these queues (null: every queue), as of now. */
    public Figures figures(Set<String> queues) {
        return figures(queues, rows.values());
    }

    private Figures figures(Set<String> queues, Collection<QueueItem> rows) {
        Instant now = clock.instant();
        Set<String> shown = new TreeSet<>(queues == null
                ? Arrays.stream(Queue.values()).map(Queue::group).toList() : queues);
        Map<String, List<QueueItem>> byQueue = new HashMap<>();
        for (QueueItem row : rows) {
            if (shows(queues, row)) {
                shown.add(lower(row.queue()));
                byQueue.computeIfAbsent(lower(row.queue()), q -> new ArrayList<>()).add(row);
            }
        }
        List<Floor.QueueFigures> queueFigures = shown.stream().map(queue -> {
            List<QueueItem> items = byQueue.getOrDefault(queue, List.of());
            List<QueueItem> waiting = items.stream().filter(row -> row.assignee() == null).toList();
            Instant oldest = waiting.stream().map(QueueItem::waitingSince).filter(Objects::nonNull)
                    .min(Comparator.naturalOrder()).orElse(null);
            int atRisk = 0;
            int breached = 0;
            for (QueueItem row : items) {
                String state = DeskQueue.slaState(row.created(), row.slaDue(), now);
                atRisk += "at-risk".equals(state) ? 1 : 0;
                breached += "breached".equals(state) ? 1 : 0;
            }
            return new Floor.QueueFigures(queue, waiting.size(), items.size() - waiting.size(), oldest, atRisk, breached);
        }).toList();
        Map<String, List<Long>> held = new HashMap<>();
        rows.stream().filter(row -> row.assignee() != null)
                .forEach(row -> held.computeIfAbsent(row.assignee(), a -> new ArrayList<>()).add(row.caseId()));
        List<Floor.AgentFigures> agentFigures = agents.stream()
                .filter(agent -> queues == null || agent.queues().stream().map(SupervisorFloor::lower).anyMatch(queues::contains))
                .map(agent -> {
                    List<Long> handling = held.getOrDefault(agent.username(), List.of()).stream().sorted().toList();
                    return new Floor.AgentFigures(agent.username(), agent.displayName(),
                            agent.queues().stream().map(SupervisorFloor::lower).sorted().toList(), handling,
                            handling.size(), handling.isEmpty() ? lastActive.get(agent.username()) : null);
                })
                .sorted(Comparator.comparing(Floor.AgentFigures::load).reversed().thenComparing(Floor.AgentFigures::username))
                .toList();
        return new Figures(queueFigures, agentFigures);
    }

    /** Worst mood first (a falling one before a steady one of the same score), rows without a mood last, then the longest wait. */
    static final Comparator<QueueItem> WORST_FIRST = Comparator
            .comparing((QueueItem row) -> row.sentiment() == null ? Double.MAX_VALUE : row.sentiment().score())
            .thenComparing(row -> row.sentiment() == null || row.sentiment().trend() != QueueItem.Mood.Trend.FALLING)
            .thenComparing(row -> row.waitingSince() == null ? Instant.MAX : row.waitingSince())
            .thenComparing(QueueItem::caseId);

    static String lower(String queue) {
        return queue == null ? "general" : queue.toLowerCase(Locale.ROOT);
    }
}
