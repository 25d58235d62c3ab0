package io.omnicase.routing;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.cases.CaseStatus;
import io.omnicase.customers.Channel;
import io.omnicase.customers.Customer.Tier;
import io.omnicase.routing.internal.LineDiff;
import io.omnicase.routing.internal.RuleSetStore;
import io.omnicase.routing.internal.RuleSetValidation;
import io.omnicase.sentiment.SentimentTrend;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How supervisors change routing rules safely: validate, dry-run on recent cases, save-and-activate as a new version,
 * activate (roll back to) any earlier version. A rule set that fails validation is never stored, so never active.
 */
@Service
public class RuleSets {

    /** At most this many cases are replayed by one dry run. */
    public static final int MAX_DRY_RUN_CASES = 500;

    private final RuleSetStore store;
    private final Routing routing;
    private final ObjectMapper json;

    RuleSets(RuleSetStore store, Routing routing, ObjectMapper json) {
        this.store = store;
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

    /** A line diff from one version to another. */
    public Optional<List<String>> diff(int from, int to) {
        return store.find(from).flatMap(a -> store.find(to).map(b -> LineDiff.between(a.drl(), b.drl())));
    }

    /**
     * Checks a rule text: forbidden constructs, compile errors (with line numbers), and a trial on sample cases that
     * catches rules that keep re-firing or leave the decision without a queue or priority.
     *
     * @return the compiled rules
     * @throws RuleSetException with readable problems when the text must not become active
     */
    public RuleSet validate(String drl) {
        List<String> problems = RuleSetValidation.problems(drl);
        if (!problems.isEmpty()) {
            throw new RuleSetException(problems);
        }
        RuleSet rules = RuleSet.compile(drl, "candidate");
        try {
            for (RoutingFacts sample : samples()) {
                try {
                    rules.decide(sample);
                } catch (RuleSetException e) {
                    throw new RuleSetException(e.problems().stream()
                            .map(p -> "on a sample case (" + describe(sample) + "): " + p).toList());
                } catch (RuntimeException e) {
                    throw new RuleSetException(List.of("on a sample case (" + describe(sample) + ") a rule failed: " + e));
                }
            }
        } finally {
            rules.release();
        }
        return rules;
    }

    /** Replays the last {@code cases} decided cases with the candidate and with the active rules, on the same facts. */
    public DryRunResult dryRun(String drl, int cases) {
        RuleSet candidate = validate(drl);
        RuleSet current = routing.activeRules();
        List<DryRunResult.Row> rows = new ArrayList<>();
        int changed = 0;
        for (RuleSetStore.RecordedFacts recorded : store.latestFacts(Math.min(Math.max(cases, 1), MAX_DRY_RUN_CASES))) {
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
            rows.add(new DryRunResult.Row(recorded.caseId(), recorded.decidedAt(), before, after, differs));
        }
        candidate.release();
        return new DryRunResult(current.version(), rows.size(), changed, rows);
    }

    /** Validates, stores as the next version and activates it; every node picks it up at its next poll. */
    @Transactional
    public RuleSetVersion saveAndActivate(String drl, String author, String reason) {
        validate(drl);
        int version = store.insert(drl, RuleSet.checksumOf(drl), author, reason);
        store.activate(version, author, reason);
        return store.find(version).orElseThrow();
    }

    /** Makes an earlier (or any stored) version active again: a rollback in one step. */
    @Transactional
    public RuleSetVersion activate(int version, String by, String reason) {
        RuleSetVersion stored = store.find(version).orElseThrow(() -> new RuleSetNotFoundException(version));
        validate(stored.drl());
        store.activate(version, by, reason);
        return store.find(version).orElseThrow();
    }

    /** After the activating transaction committed: switch this node at once rather than at its next poll. */
    public void applyNow() {
        routing.refresh();
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
