package io.omnicase.supervision;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseView;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The floor's alert feed: any module raises an alert here ({@link #raise}); it is stored, and pushed to the supervisors
 * of the queues its cases sit in once the raising transaction commits. The floor raises its own (an SLA breached, a
 * customer's mood falling).
 */
@Service
public class FloorAlerts {

    /** How many alerts a floor shows. */
    public static final int SHOWN = 30;

    static final int TITLE = 300;
    static final int DETAIL = 2000;
    static final int CASES = 100;

    private final JdbcClient jdbc;
    private final CaseManagement cases;
    private final ApplicationEventPublisher events;

    FloorAlerts(JdbcClient jdbc, CaseManagement cases, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.cases = cases;
        this.events = events;
    }

    /** Stores the alert and tells the floor; an alert without a kind or title is a programming error. */
    @Transactional
    public Floor.Alert raise(FloorAlert alert) {
        if (alert.kind() == null || alert.kind().isBlank() || alert.title() == null || alert.title().isBlank()) {
            throw new IllegalArgumentException("An alert needs a kind and a title");
        }
        List<Long> caseIds = alert.caseIds().stream().distinct().limit(CASES).toList();
        Set<String> queues = new TreeSet<>();
        for (long caseId : caseIds) {
            cases.find(new CaseId(caseId)).map(FloorAlerts::queueOf).ifPresent(queues::add);
        }
        Instant at = alert.at() == null ? Instant.now() : alert.at();
        String kind = cut(alert.kind().strip().toLowerCase(Locale.ROOT), 60);
        String title = cut(alert.title().strip(), TITLE);
        String detail = alert.detail() == null ? null : cut(alert.detail().strip(), DETAIL);
        GeneratedKeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("INSERT INTO floor_alerts (kind, title, detail, case_ids, queues, raised_at) VALUES (?, ?, ?, ?, ?, ?)")
                .params(kind, title, detail, caseIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        String.join(",", queues), Timestamp.from(at))
                .update(key);
        Floor.Alert stored = new Floor.Alert(key.getKey().longValue(), kind, title, detail, caseIds, at, List.copyOf(queues));
        events.publishEvent(new FloorAlertRaised(stored, Collections.unmodifiableSet(queues)));
        return stored;
    }

    /** The newest alerts of these queues (floor-wide ones too), newest first; every queue's when {@code queues} is null. */
    @Transactional(readOnly = true)
    public List<Floor.Alert> latest(Set<String> queues, int limit) {
        return jdbc.sql("SELECT id, kind, title, detail, case_ids, queues, raised_at FROM floor_alerts "
                        + "ORDER BY raised_at DESC, id DESC LIMIT 500")
                .query((rs, n) -> new Stored(new Floor.Alert(rs.getLong(1), rs.getString(2), rs.getString(3),
                        rs.getString(4), split(rs.getString(5)).stream().map(Long::valueOf).toList(),
                        rs.getTimestamp(7).toInstant(), split(rs.getString(6))), Set.copyOf(split(rs.getString(6)))))
                .list().stream()
                .filter(stored -> shows(queues, stored.queues()))
                .map(Stored::alert)
                .limit(limit)
                .toList();
    }

    private record Stored(Floor.Alert alert, Set<String> queues) {
    }

    /** Whether a floor of these queues (null: every queue) shows an alert about cases of those. */
    static boolean shows(Set<String> floorQueues, Set<String> alertQueues) {
        return floorQueues == null || alertQueues.isEmpty() || alertQueues.stream().anyMatch(floorQueues::contains);
    }

    /** Where a case counts as sitting: its queue, or the rules' default queue before its first routing. */
    static String queueOf(CaseView view) {
        return view.queue() == null ? "general" : view.queue().toLowerCase(Locale.ROOT);
    }

    private static List<String> split(String csv) {
        return csv == null || csv.isBlank() ? List.of()
                : Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }

    private static String cut(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
