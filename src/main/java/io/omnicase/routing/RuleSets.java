package io.omnicase.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.github.difflib.DiffUtils;
import com.github.difflib.patch.AbstractDelta;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.ConflictException;
import io.omnicase.routing.internal.DrlGenerator;
import io.omnicase.routing.internal.GuidedRuleCheck;
import io.omnicase.routing.internal.RoutingFactsStore;
import io.omnicase.routing.internal.RuleSetStore;
import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.SentimentTrend;
import io.omnicase.routing.facts.Tier;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How routing rules change safely: validate, dry-run on recent cases, save-and-activate as a new version, activate
 * (roll back to) any earlier version. Supervisors send a rule table ({@link GuidedRuleSet}), which is checked by type
 * and turned into DRL by the server; raw DRL is for administrators only (the web layer enforces who may send it).
 * A rule set that fails validation is never stored, so never active.
 */
@Service
public class RuleSets {

    /** At most this many cases are replayed by one dry run. */
    public static final int MAX_DRY_RUN_CASES = 500;

    private final RuleSetStore store;
    private final RoutingFactsStore recordedFacts;
    private final Routing routing;
    private final ObjectMapper json;
    private final org.springframework.context.ApplicationEventPublisher events;

    RuleSets(RuleSetStore store, RoutingFactsStore recordedFacts, Routing routing, ObjectMapper json,
             org.springframework.context.ApplicationEventPublisher events) {
        this.events = events;
        this.store = store;
        this.recordedFacts = recordedFacts;
        this.routing = routing;
        this.json = json;
    }

    public Optional<RuleSetVersion> active() {
        routing.activeRules();
        return store.active();
    }

    public List<RuleSetVersion> versions() {
        routing.activeRules();
        return store.all();
    }

    public Optional<RuleSetVersion> version(int version) {
        return store.find(version);
    }

    /** The rule table the application ships with, which seeds the first version. */
    public GuidedRuleSet shippedTable() {
        return routing.shippedTable();
    }

    /** What changed from one version to another: rows matched by name when both are tables, and the DRL lines. */
    public Optional<RuleSetDiff> diff(int from, int to) {
        return store.find(from).flatMap(a -> store.find(to).map(b -> new RuleSetDiff(from, to,
                a.rules() == null || b.rules() == null ? null : rowDiff(a.rules(), b.rules()),
                lineDiff(a.drl(), b.drl()))));
    }

    /** The DRL the server generates from a rule table, after checking it by type. */
    public static String drlOf(GuidedRuleSet table) {
        return DrlGenerator.drl(GuidedRuleCheck.checked(table));
    }

    /**
     * Checks a rule table by type (each problem names its row and column), generates its DRL, compiles it and tries it
     * on sample cases.
     *
     * @return the compiled rules
     * @throws RuleSetException with readable, located problems when the table must not become active
     */
    public RuleSet validate(GuidedRuleSet table) {
        return validateDrl(drlOf(table));
    }

    /**
     * Compiles DRL as it is (with line numbers on errors) and tries it on sample cases, which catches rules that keep
     * re-firing or leave the decision without a queue or priority. Only for DRL the server wrote from a checked table
     * or read from its configured seed file: never with text a user sent (no one's, since probe 46).
     */
    public RuleSet validateDrl(String drl) {
        RuleSet rules = RuleSet.compile(drl, "candidate");
        try {
            for (RoutingFacts sample : samples()) {
                try {
                    rules.decide(sample);
                } catch (RuleSetException e) {
                    throw new RuleSetException(e.problems().stream()
                            .map(p -> "on a sample case (" + describe(sample) + "): " + p).toList());
                } catch (RuntimeException e) {
                    throw new RuleSetException(List.of("on a sample case (" + describe(sample) + ") a rule failed"));
                }
            }
        } finally {
            rules.release();
        }
        return rules;
    }

    /** Replays the last {@code cases} decided cases with the table's rules and with the active rules. */
    public DryRunResult dryRun(GuidedRuleSet table, int cases) {
        return replay(validate(table), cases);
    }

    private DryRunResult replay(RuleSet candidate, int cases) {
        RuleSet current = routing.activeRules();
        List<DryRunResult.Row> rows = new ArrayList<>();
        int changed = 0;
        try {
            for (RoutingFactsStore.RecordedFacts recorded : recordedFacts.latest(Math.min(Math.max(cases, 1), MAX_DRY_RUN_CASES))) {
                RoutingFacts facts = read(recorded.factsJson());
                RoutingDecision before = current.decide(facts);
                RoutingDecision after;
                try {
                    after = candidate.decide(facts);
                } catch (RuleSetException e) {
                    throw new RuleSetException(e.problems().stream().map(p -> "on case " + recorded.caseId() + ": " + p).toList());
                }
                boolean differs = before.differsFrom(after);
                changed += differs ? 1 : 0;
                rows.add(new DryRunResult.Row(recorded.caseId(), recorded.decidedAt(), before, after, differs, null));
            }
        } finally {
            candidate.release();
        }
        return new DryRunResult(current.version(), rows.size(), changed, rows);
    }

    /** Checks and compiles a rule table, stores it with its generated DRL as the next version and activates it. */
    @Transactional
    public RuleSetVersion saveAndActivate(GuidedRuleSet table, String author, String reason) {
        return saveAndActivate(table, author, reason, null);
    }

    /**
     * {@link #saveAndActivate(GuidedRuleSet, String, String)} for a table edited from the active version
     * {@code basedOn}: when another version became active since, nothing is stored.
     *
     * @throws ConflictException when {@code basedOn} is not the active version any more
     */
    @Transactional
    public RuleSetVersion saveAndActivate(GuidedRuleSet table, String author, String reason, Integer basedOn) {
        GuidedRuleSet checked = GuidedRuleCheck.checked(table);
        String drl = DrlGenerator.drl(checked);
        validateDrl(drl);
        return store(drl, checked, author, reason, basedOn);
    }

    private RuleSetVersion store(String drl, GuidedRuleSet table, String author, String reason, Integer basedOn) {
        // The insert locks the versions: two saves from the same version cannot both pass the check below.
        int version = store.insert(drl, table, RuleSet.checksumOf(drl), author, reason);
        RuleSetVersion active = store.active().orElse(null);
        if (basedOn != null && active != null && active.version() != basedOn) {
            throw new ConflictException(active.label() + " by " + active.author() + " became active after you opened v"
                    + basedOn + ": nothing was saved. Look at " + active.label() + "'s changes, then save again "
                    + "(your table is still on the page)");
        }
        store.activate(version, author, reason);
        return activated(store.find(version).orElseThrow(), author, reason);
    }

    /** Makes an earlier (or any stored) version active again: a rollback in one step. */
    @Transactional
    public RuleSetVersion activate(int version, String by, String reason) {
        RuleSetVersion stored = store.find(version).orElseThrow(() -> new RuleSetNotFoundException(version));
        validateDrl(stored.drl());
        store.activate(version, by, reason);
        return activated(store.find(version).orElseThrow(), by, reason);
    }

    private RuleSetVersion activated(RuleSetVersion version, String by, String reason) {
        events.publishEvent(new RuleSetActivated(version.version(), version.label(), version.checksum(), by, reason,
                version.activatedAt() == null ? java.time.Instant.now() : version.activatedAt()));
        return version;
    }

    /** After the activating transaction committed: switch this node at once rather than at its next poll. */
    public void applyNow() {
        routing.refresh();
    }

    /** Rows of the later table in order (added, changed, moved or kept, matched by name), then the removed ones. */
    /**
     * A line diff of two texts, as an auditor reads it: every line of the result is "+ added", "- removed" or
     * "  kept", in the order of the texts; within a changed block the removed lines come first.
     */
    static List<String> lineDiff(String before, String after) {
        List<String> a = List.of(before.split("\n", -1));
        List<String> b = List.of(after.split("\n", -1));
        List<String> lines = new ArrayList<>();
        int kept = 0;
        for (AbstractDelta<String> delta : DiffUtils.diff(a, b).getDeltas()) {
            for (; kept < delta.getSource().getPosition(); kept++) {
                lines.add("  " + a.get(kept));
            }
            delta.getSource().getLines().forEach(line -> lines.add("- " + line));
            delta.getTarget().getLines().forEach(line -> lines.add("+ " + line));
            kept += delta.getSource().size();
        }
        for (; kept < a.size(); kept++) {
            lines.add("  " + a.get(kept));
        }
        return lines;
    }

    static List<RuleSetDiff.RowChange> rowDiff(GuidedRuleSet before, GuidedRuleSet after) {
        Map<String, Integer> beforeRows = new HashMap<>();
        for (int i = 0; i < before.rules().size(); i++) {
            beforeRows.putIfAbsent(before.rules().get(i).name(), i);
        }
        Map<String, Integer> afterRows = new HashMap<>();
        for (int i = 0; i < after.rules().size(); i++) {
            afterRows.putIfAbsent(after.rules().get(i).name(), i);
        }
        // A kept row moved when its place among the rows both versions share changed.
        List<String> sharedBefore = before.rules().stream().map(GuidedRule::name).filter(afterRows::containsKey).toList();
        List<String> sharedAfter = after.rules().stream().map(GuidedRule::name).filter(beforeRows::containsKey).toList();
        List<RuleSetDiff.RowChange> changes = new ArrayList<>();
        for (int i = 0; i < after.rules().size(); i++) {
            GuidedRule rule = after.rules().get(i);
            Integer was = beforeRows.get(rule.name());
            if (was == null) {
                changes.add(new RuleSetDiff.RowChange(RuleSetDiff.Change.ADDED, rule.name(), null, i + 1, null, rule));
                continue;
            }
            GuidedRule old = before.rules().get(was);
            RuleSetDiff.Change change = !DrlGenerator.rule(old, 0).equals(DrlGenerator.rule(rule, 0))
                    ? RuleSetDiff.Change.CHANGED
                    : sharedBefore.indexOf(rule.name()) != sharedAfter.indexOf(rule.name())
                    ? RuleSetDiff.Change.MOVED : RuleSetDiff.Change.KEPT;
            changes.add(new RuleSetDiff.RowChange(change, rule.name(), was + 1, i + 1, old, rule));
        }
        for (int i = 0; i < before.rules().size(); i++) {
            GuidedRule rule = before.rules().get(i);
            if (!afterRows.containsKey(rule.name())) {
                changes.add(new RuleSetDiff.RowChange(RuleSetDiff.Change.REMOVED, rule.name(), i + 1, null, rule, null));
            }
        }
        return changes;
    }

    private RoutingFacts read(String factsJson) {
        try {
            return json.readValue(factsJson, RoutingFacts.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored routing facts are unreadable", e);
        }
    }

    /** Varied cases that exercise every fact, so a rule that loops or breaks the decision shows before activation. */
    static List<RoutingFacts> samples() {
        List<RoutingFacts> samples = new ArrayList<>();
        String[] texts = {"How do I change my address?", "I was charged twice, this is WRONG!!! I want a refund now",
                "The app crashes at login, urgent", "Let me talk to a real person", "Thanks, all good 🙂", ""};
        double[] moods = {0.6, -0.9, -0.4, -0.2, 0.8, 0};
        Tier[] tiers = Tier.values();
        CaseStatus[] statuses = {CaseStatus.NEW, CaseStatus.SELF_SERVICE, CaseStatus.ESCALATED, CaseStatus.RESOLVED};
        for (int i = 0; i < texts.length; i++) {
            for (int s = 0; s < statuses.length; s++) {
                Tier tier = tiers[(i + s) % tiers.length];
                CaseFacts caseFacts = new CaseFacts(Channel.values()[(i + s) % Channel.values().length], statuses[s],
                        s * 40L, 1 + s, s % 2, moods[i] / 2, SentimentTrend.values()[(i + s) % 3]);
                samples.add(new RoutingFacts(caseFacts, new CustomerFacts(tier, 1 + s, 1 + i, i % 4),
                        new MessageFacts(texts[i], moods[i])));
            }
        }
        return samples;
    }

    private static String describe(RoutingFacts facts) {
        return facts.caseFacts().getStatus() + " " + facts.caseFacts().getChannel() + " case of a "
                + facts.customer().getTier() + " customer, message \"" + facts.message().getText() + "\"";
    }
}
