package io.omnicase.desk;

import io.omnicase.customers.Channel;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class DeskQueueTest {

    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");

    @Test
    void anSlaIsAtRiskWithAQuarterOfItsWindowOrFifteenMinutesLeftAndBreachedOnceDue() {
        Instant created = NOW.minus(Duration.ofHours(3));
        assertThat(DeskQueue.slaState(created, NOW.plus(Duration.ofHours(1)), NOW)).isEqualTo("ok");
        assertThat(DeskQueue.slaState(created, NOW.plus(Duration.ofMinutes(59)), NOW)).as("less than a quarter of 3h59")
                .isEqualTo("at-risk");
        assertThat(DeskQueue.slaState(NOW.minusSeconds(60), NOW.plus(Duration.ofMinutes(14)), NOW)).as("under 15 min")
                .isEqualTo("at-risk");
        assertThat(DeskQueue.slaState(created, NOW, NOW)).isEqualTo("breached");
        assertThat(DeskQueue.slaState(created, NOW.minusSeconds(1), NOW)).isEqualTo("breached");
        assertThat(DeskQueue.slaState(created, null, NOW)).as("no SLA").isEqualTo("ok");
    }

    @Test
    void theLatestMessageIsShownOnOneLineCutTo140Characters() {
        assertThat(DeskQueue.oneLine("Hello\n\n  there")).isEqualTo("Hello there");
        assertThat(DeskQueue.oneLine("é".repeat(200))).hasSize(140);
        assertThat(DeskQueue.oneLine("😀".repeat(150)).codePointCount(0, DeskQueue.oneLine("😀".repeat(150)).length()))
                .isEqualTo(140);
        assertThat(DeskQueue.oneLine(null)).isNull();
    }

    @Test
    void breachedComeFirstThenHigherPriorityThenTheEarlierDeadline() {
        QueueItem breachedLow = item(1, 10, "breached", NOW.minusSeconds(60));
        QueueItem urgentLate = item(2, 90, "ok", NOW.plusSeconds(7200));
        QueueItem urgentEarly = item(3, 90, "at-risk", NOW.plusSeconds(600));
        QueueItem normal = item(4, 50, "ok", NOW.plusSeconds(60));
        List<QueueItem> items = new ArrayList<>(List.of(normal, urgentLate, breachedLow, urgentEarly));
        items.sort(DeskQueue.ORDER);
        assertThat(items).containsExactly(breachedLow, urgentEarly, urgentLate, normal);
    }

    @Test
    void wordsMatchSubjectCustomerOrCaseNumber() {
        QueueItem item = item(301, 50, "ok", null);
        assertThat(DeskQueue.matching(filter("refund"))).accepts(item);
        assertThat(DeskQueue.matching(filter("RUTH"))).accepts(item);
        assertThat(DeskQueue.matching(filter("#301"))).accepts(item);
        assertThat(DeskQueue.matching(filter("301"))).accepts(item);
        assertThat(DeskQueue.matching(filter("#30"))).rejects(item);
        assertThat(DeskQueue.matching(filter("parcel"))).rejects(item);
        assertThat(DeskQueue.matching(new DeskQueue.Filter(null, Channel.EMAIL, "BILLING"))).accepts(item);
        assertThat(DeskQueue.matching(new DeskQueue.Filter(null, Channel.SMS, null))).rejects(item);
        assertThat(DeskQueue.matching(new DeskQueue.Filter(null, null, "general"))).rejects(item);
    }

    private static DeskQueue.Filter filter(String text) {
        return new DeskQueue.Filter(text, null, null);
    }

    private static QueueItem item(long caseId, int priority, String slaState, Instant slaDue) {
        return new QueueItem("t" + caseId, caseId, "Refund for a double charge", 7, "Ruth Miller", "EMAIL", "billing",
                priority, null, "ESCALATED", NOW, NOW, slaDue, slaState, null, "text");
    }

    /** Walk 49: the floor showed Greta's preview as "…from the next invoice on. I woul", nothing said it went on. */
    @Test
    void aLongMessageIsCutTo140CharactersWithAnEllipsisAndAShortOneIsKeptWhole() {
        String greta = "Hello, we moved offices. Please change the billing address on my account to Hafenstrasse 12, "
                + "20457 Hamburg, from the next invoice on. I would like someone to confirm it.";
        String cut = DeskQueue.oneLine(greta);
        assertThat(cut).hasSize(DeskQueue.LAST_MESSAGE).endsWith("…").startsWith("Hello, we moved offices.");
        assertThat(DeskQueue.oneLine("Short\n\n  and   sweet")).isEqualTo("Short and sweet");
        assertThat(DeskQueue.oneLine("x".repeat(DeskQueue.LAST_MESSAGE))).isEqualTo("x".repeat(DeskQueue.LAST_MESSAGE));
    }
}
