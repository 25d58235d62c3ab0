package io.omnicase.supervision;

import io.omnicase.desk.QueueItem;
import io.omnicase.sentiment.SentimentLabel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

class SupervisorFloorTest {

    private static QueueItem row(long caseId, Double score, QueueItem.Mood.Trend trend, String queue) {
        return new QueueItem("t" + caseId, caseId, "S", caseId, "C", "EMAIL", queue, 50, null, "ESCALATED",
                Instant.parse("2026-12-01T10:00:00Z").plusSeconds(caseId), null, null, "ok",
                score == null ? null : new QueueItem.Mood(score, SentimentLabel.of(score), trend), "hi");
    }

    @Test
    void conversationsComeWorstMoodFirstFallingBeforeSteadyAndThoseWithoutAMoodLast() {
        QueueItem happy = row(1, 0.5, QueueItem.Mood.Trend.RISING, "billing");
        QueueItem none = row(2, null, null, "billing");
        QueueItem angry = row(3, -0.6, QueueItem.Mood.Trend.STEADY, "billing");
        QueueItem angrier = row(4, -0.6, QueueItem.Mood.Trend.FALLING, "billing");
        assertThat(Stream.of(happy, none, angry, angrier).sorted(SupervisorFloor.WORST_FIRST).map(QueueItem::caseId))
                .containsExactly(4L, 3L, 1L, 2L);
    }

    @Test
    void aFloorShowsTheRowsOfItsQueuesAndAnUnroutedCaseCountsInGeneral() {
        assertThat(SupervisorFloor.shows(Set.of("billing"), row(1, null, null, "Billing"))).isTrue();
        assertThat(SupervisorFloor.shows(Set.of("billing"), row(1, null, null, "technical"))).isFalse();
        assertThat(SupervisorFloor.shows(Set.of("general"), row(1, null, null, null))).isTrue();
        assertThat(SupervisorFloor.shows(null, row(1, null, null, "senior"))).as("an admin's floor").isTrue();
        assertThat(SupervisorFloor.shows(null, null)).isFalse();
    }

    @Test
    void theChartsCoverTheLastDayHourByHourEndingWithTheCurrentHour() {
        List<Instant> hours = SupervisorFloor.hours(Instant.parse("2026-12-01T21:17:42Z"));
        assertThat(hours).hasSize(24);
        assertThat(hours.get(23)).isEqualTo(Instant.parse("2026-12-01T21:00:00Z"));
        assertThat(hours.get(0)).isEqualTo(Instant.parse("2026-11-30T22:00:00Z"));
    }

    @Test
    void anAlertReachesTheFloorsOfItsCasesQueuesAndAFloorWideOneEveryFloor() {
        assertThat(FloorAlerts.shows(Set.of("billing"), Set.of("billing", "senior"))).isTrue();
        assertThat(FloorAlerts.shows(Set.of("technical"), Set.of("billing"))).isFalse();
        assertThat(FloorAlerts.shows(Set.of("technical"), Set.of())).isTrue();
        assertThat(FloorAlerts.shows(null, Set.of("billing"))).isTrue();
    }

    /**
     * Walk 47: nobody watched the floor while Alex resolved his case; the first supervisor to open it read "Alex Agent
     * idle 4 s" (the moment of the read) instead of since his last work.
     */
    @Test
    void anAgentWhoseCaseLeftWhileNobodyWatchedIsIdleSinceTheirLastWorkNotSinceTheFloorWasOpened() {
        io.omnicase.process.CaseWork work = mock(io.omnicase.process.CaseWork.class);
        io.omnicase.desk.DeskQueue desk = mock(io.omnicase.desk.DeskQueue.class);
        io.omnicase.security.UserAccounts users = mock(io.omnicase.security.UserAccounts.class);
        io.omnicase.cases.CaseActivity activity = mock(io.omnicase.cases.CaseActivity.class);
        Instant lastReply = Instant.parse("2026-12-05T10:19:00Z");
        QueueItem held = new QueueItem("t9", 9, "S", 9, "C", "CHAT", "billing", 50, "agent", "ESCALATED",
                null, lastReply, null, "ok", null, "hi");
        when(users.all()).thenReturn(List.of(new io.omnicase.security.UserAccount("agent", "Alex Agent",
                Set.of(io.omnicase.security.Role.AGENT), Set.of("billing"))));
        when(activity.lastWrittenBy(any())).thenReturn(java.util.Map.of("agent", lastReply));
        when(desk.rows(anyList())).thenReturn(List.of(held), List.of());
        SupervisorFloor floor = new SupervisorFloor(work, desk, null, users, activity, null);

        floor.load();
        floor.forget();
        floor.load(); // the case was resolved meanwhile: it is gone from the rows

        assertThat(floor.figures(null).agents()).singleElement()
                .satisfies(agent -> assertThat(agent.idleSince()).isEqualTo(lastReply));
    }
}
