package io.omnicase.insight;

import io.omnicase.insight.internal.SpikeRule;
import io.omnicase.search.InsightQueries;
import io.omnicase.search.RisingTerms;
import io.omnicase.search.TopicVolume;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Spikes and emerging topics: per topic and channel, the customer messages of the last window against the windows of
 * the baseline before it (a date histogram); a spike is named by the terms significant in the window against that
 * baseline (significant text) and the cases that use them, recorded once and published as {@link SpikeDetected}.
 * Checked on a schedule; windows are aligned to whole multiples of their length, so every check of a window sees the
 * same one.
 */
@Service
public class SpikeWatch {

    private static final Logger log = LoggerFactory.getLogger(SpikeWatch.class);
    static final int RISING_TERMS = 6;
    static final int MAX_CASES = 100;

    private final InsightQueries queries;
    private final JdbcClient jdbc;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Duration window;
    private final int baselineWindows;
    private final SpikeRule rule;
    private final Clock clock = Clock.systemUTC();

    SpikeWatch(InsightQueries queries, JdbcClient jdbc, ApplicationEventPublisher events, TransactionTemplate transactions,
               @Value("${omnicase.insight.spike.window:PT1H}") Duration window,
               @Value("${omnicase.insight.spike.baseline-windows:168}") int baselineWindows) {
        this.queries = queries;
        this.jdbc = jdbc;
        this.events = events;
        this.transactions = transactions;
        this.window = window;
        this.baselineWindows = baselineWindows;
        this.rule = SpikeRule.DEFAULT;
    }

    /** The window every check looks at. */
    public Duration window() {
        return window;
    }

    /** The check on the schedule: the latest whole window that has ended. */
    @Scheduled(initialDelayString = "${omnicase.insight.spike.check-every:PT5M}",
            fixedDelayString = "${omnicase.insight.spike.check-every:PT5M}")
    void scheduledCheck() {
        try {
            checkAndPublish(lastWindowEnd(clock.instant()));
        } catch (RuntimeException e) {
            log.warn("The spike check failed; the next one will look again: {}", e.toString());
        }
    }

    /** The end of the latest whole window before a moment. */
    public Instant lastWindowEnd(Instant now) {
        long width = window.toMillis();
        return Instant.ofEpochMilli(now.toEpochMilli() - Math.floorMod(now.toEpochMilli(), width));
    }

    /**
     * Finds the spikes of the window ending at {@code end}, without recording or publishing them (what the benchmark
     * replays over a history).
     */
    public List<Spike> spikesAt(Instant end) {
        List<Spike> spikes = new ArrayList<>();
        Instant windowStart = end.minus(window);
        Instant baselineStart = end.minus(window.multipliedBy(baselineWindows + 1L));
        for (TopicVolume volume : queries.volumes(end, window, baselineWindows)) {
            if (!rule.isSpike(volume.windowCount(), volume.baselineCounts())) {
                continue;
            }
            RisingTerms rising = queries.risingTerms(volume.topic(), volume.channel(), windowStart, end, baselineStart,
                    RISING_TERMS, MAX_CASES);
            spikes.add(new Spike(volume.topic(), volume.channel(), volume.windowCount(),
                    Math.round(SpikeRule.mean(volume.baselineCounts()) * 100) / 100.0, rising.terms(), rising.caseIds(), end));
        }
        return spikes;
    }

    /** Finds the window's spikes, records the ones not announced before and publishes them; returns those. */
    public List<Spike> checkAndPublish(Instant end) {
        List<Spike> announced = new ArrayList<>();
        for (Spike spike : spikesAt(end)) {
            Boolean isNew = transactions.execute(status -> {
                try {
                    jdbc.sql("INSERT INTO insight_spikes (topic, channel, window_end, messages, baseline_mean, rising_terms, "
                                    + "case_ids, detected_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
                            .params(spike.topic(), spike.channel(), Timestamp.from(spike.at()), spike.messages(),
                                    spike.baselineMean(), truncate(String.join(", ", spike.risingTerms()), 1000),
                                    spike.caseIds().stream().map(String::valueOf).collect(Collectors.joining(",")),
                                    Timestamp.from(clock.instant()))
                            .update();
                } catch (DuplicateKeyException e) {
                    return false;
                }
                events.publishEvent(spike.event());
                return true;
            });
            if (Boolean.TRUE.equals(isNew)) {
                log.info("Spike: {} on {}: {} messages against {} per window; rising terms {}", spike.topic(),
                        spike.channel(), spike.messages(), spike.baselineMean(), spike.risingTerms());
                announced.add(spike);
            }
        }
        return announced;
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }
}
