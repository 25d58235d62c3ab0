package io.omnicase.insight.internal.quality;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.cases.CaseResolved;
import io.omnicase.cases.CaseView;
import io.omnicase.cases.EntryDetail;
import io.omnicase.cases.InteractionKind;
import io.omnicase.cases.TimelineEntry;
import io.omnicase.insight.QualityComponent;
import io.omnicase.insight.internal.CaseOutcomes;
import io.omnicase.insight.QualityRules;
import io.omnicase.insight.QualityRulesVersion;
import io.omnicase.insight.QualityScore;
import io.omnicase.insight.QualityScores;
import io.omnicase.insight.internal.quality.Conversation.Turn;
import io.omnicase.routing.Priority;
import io.omnicase.search.QualityAverages;
import io.omnicase.search.QualityDocument;
import io.omnicase.search.QualityIndex;
import io.omnicase.search.QualityOverview;
import io.omnicase.search.QualityQuery;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.modulith.events.ApplicationModuleListener;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * Scores every resolved case after its resolution commits ({@link CaseResolved}, delivered again when this fails):
 * reads the conversation from the case's timeline, scores it with the rules in force, stores the score in MariaDB and
 * indexes it for search, in that order (a failure of either leaves the event for redelivery; the store keeps one
 * score per resolution).
 */
@Service
class QualityScoring implements QualityScores {

    private static final Logger log = LoggerFactory.getLogger(QualityScoring.class);

    private final CaseManagement cases;
    private final QualityRuleStore rules;
    private final QualityScoreStore scores;
    private final QualityIndex index;

    QualityScoring(CaseManagement cases, QualityRuleStore rules, QualityScoreStore scores, QualityIndex index) {
        this.cases = cases;
        this.rules = rules;
        this.scores = scores;
        this.index = index;
    }

    @ApplicationModuleListener
    void on(CaseResolved resolved) {
        CaseId id = new CaseId(resolved.caseId());
        CaseView view = cases.find(id).orElse(null);
        if (view == null) {
            return;
        }
        Instant resolvedAt = resolved.occurredAt().truncatedTo(ChronoUnit.MICROS);
        List<TimelineEntry> timeline = cases.timeline(id);
        QualityScore score = scores.find(resolved.caseId(), resolvedAt).orElse(null);
        if (score == null) {
            score = score(view, timeline, resolved.resolvedBy(), resolved.topic(), resolvedAt, rules());
            scores.add(score);
        }
        index.add(document(score, CaseOutcomes.attributionOf(timeline)));
        log.debug("Case {} scored {} (rules v{})", score.caseId(), score.total(), score.rulesVersion());
    }

    static QualityScore score(CaseView view, List<TimelineEntry> timeline, String resolvedBy, String topic,
                              Instant resolvedAt, QualityRulesVersion version) {
        Conversation conversation = conversation(view, timeline, resolvedAt);
        QualityScorer.Result result = QualityScorer.score(conversation, version.rules());
        return new QualityScore(view.id(), resolvedAt, QualityScorer.agentOf(conversation, resolvedBy, CaseManagement.ASSISTANT),
                topic, view.queue() == null ? null : view.queue().toLowerCase(Locale.ROOT),
                view.channel() == null ? null : view.channel().name(), version.version(), result.total(), result.parts(),
                Instant.now().truncatedTo(ChronoUnit.MICROS));
    }

    static Conversation conversation(CaseView view, List<TimelineEntry> timeline, Instant resolvedAt) {
        List<Turn> turns = new ArrayList<>();
        Instant escalatedAt = null;
        List<TimelineEntry> ordered = timeline.stream()
                .filter(e -> e.occurredAt() == null || !e.occurredAt().isAfter(resolvedAt.plusSeconds(1)))
                .sorted(Comparator.comparing(TimelineEntry::occurredAt, Comparator.nullsLast(Comparator.naturalOrder())))
                .toList();
        for (TimelineEntry entry : ordered) {
            if (entry.kind() == InteractionKind.INBOUND) {
                turns.add(new Turn(Conversation.Speaker.CUSTOMER, entry.author(), entry.text(), entry.occurredAt(),
                        entry.sentiment() == null ? null : entry.sentiment().score()));
            } else if (entry.kind() == InteractionKind.OUTBOUND) {
                boolean assistant = entry.author() == null || entry.author().startsWith(CaseManagement.ASSISTANT);
                turns.add(assistant ? Turn.assistant(entry.text(), entry.occurredAt())
                        : Turn.person(entry.author(), entry.text(), entry.occurredAt()));
            } else if (escalatedAt == null && entry.kind() == InteractionKind.STATUS
                    && entry.detail() instanceof EntryDetail.Fields fields && "ESCALATED".equals(fields.values().get("to"))) {
                escalatedAt = entry.occurredAt();
            }
        }
        return new Conversation(turns, escalatedAt, sla(view.priority()));
    }

    /** The SLA of the case's priority; a case without one is held to the normal priority's. */
    static Duration sla(Integer taskPriority) {
        return Arrays.stream(Priority.values()).filter(p -> taskPriority != null && p.taskPriority() == taskPriority)
                .findFirst().orElse(Priority.NORMAL).sla();
    }

    /**
     * The score as coaching searches it, under the agent and topic the case's outcome counts it (not the resolver's
     * topic or the most frequent replier): a coaching row's quality is the average over the cases it counts as handled.
     */
    static QualityDocument document(QualityScore score, CaseOutcomes.Attribution counted) {
        String phrases = String.join(" | ", Stream.of(QualityComponent.OWNERSHIP, QualityComponent.EMPATHY)
                .flatMap(c -> score.part(c).found().stream()).toList());
        return new QualityDocument(score.caseId(), score.resolvedAt(), counted.agent(), counted.topic(), score.queue(),
                score.channel(), score.rulesVersion(), score.total(), score.part(QualityComponent.FIRST_RESPONSE).score(),
                score.part(QualityComponent.OWNERSHIP).score(), score.part(QualityComponent.EMPATHY).score(),
                score.part(QualityComponent.CONFIRMATION).score(), score.part(QualityComponent.SENTIMENT).score(),
                phrases.isEmpty() ? null : phrases);
    }

    @Override
    @Transactional(readOnly = true)
    public QualityRulesVersion rules() {
        return rules.newest().orElseThrow(() -> new IllegalStateException("No quality rules are stored"));
    }

    @Override
    @Transactional(readOnly = true)
    public List<QualityRulesVersion> ruleVersions() {
        return rules.all();
    }

    @Override
    @Transactional
    public QualityRulesVersion changeRules(QualityRules proposed, String author, String reason) {
        QualityRulesCheck.check(proposed);
        QualityRules tidy = new QualityRules(proposed.weights(), strip(proposed.ownershipPhrases()),
                strip(proposed.empathyPhrases()), strip(proposed.confirmationPhrases()), proposed.lateFactor(),
                proposed.phrasesForFullMarks(), proposed.sentimentSwingForFullMarks());
        return this.rules.add(tidy, author, reason.strip());
    }

    private static List<String> strip(List<String> phrases) {
        return phrases.stream().map(String::strip).toList();
    }

    @Override
    @Transactional(readOnly = true)
    public List<QualityScore> ofCase(CaseId caseId) {
        return scores.ofCase(caseId.value());
    }

    @Override
    public QualityAverages averages(QualityQuery query) {
        return index.averages(query);
    }

    @Override
    public QualityOverview overview(QualityQuery query) {
        return index.overview(query);
    }
}
