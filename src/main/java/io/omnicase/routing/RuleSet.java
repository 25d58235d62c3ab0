package io.omnicase.routing;

import org.kie.api.KieServices;
import org.kie.api.KieBase;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/** A compiled routing rule set: a DRL text turned into a Drools knowledge base that makes decisions. */
public final class RuleSet {

    /** More firings than this for one decision means a rule keeps re-firing; the decision is refused. */
    static final int MAX_FIRINGS = 1_000;
    private static final AtomicLong BUILDS = new AtomicLong();

    private final String version;
    /**
     * One session per thread, emptied after each decision: creating or resetting a session costs more than the
     * decision itself (measured: p99 20 µs reused against 55 µs pooled with 100 rules).
     */
    private final ThreadLocal<KieSession> sessions;

    private RuleSet(KieBase kieBase, String version) {
        this.version = version;
        this.sessions = ThreadLocal.withInitial(kieBase::newKieSession);
    }

    /** Compiles a DRL text; throws {@link RuleSetException} with Drools' messages (and line numbers) when it does not. */
    public static RuleSet compile(String drl) {
        return compile(drl, checksumOf(drl));
    }

    /** Compiles a DRL text whose decisions carry the given version label. */
    public static RuleSet compile(String drl, String version) {
        KieServices kie = KieServices.get();
        ReleaseId releaseId = kie.newReleaseId("io.omnicase.rules", "routing", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem files = kie.newKieFileSystem().generateAndWritePomXML(releaseId)
                .write("src/main/resources/rules/routing.drl", drl);
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            // Drools follows a syntax error with "line 0: Parser returned a null Package", which helps no editor.
            List<Message> located = errors.stream().filter(m -> m.getLine() > 0).toList();
            throw new RuleSetException((located.isEmpty() ? errors : located).stream()
                    .map(m -> "line " + m.getLine() + ": " + m.getText().strip()).toList());
        }
        KieBase base = kie.newKieContainer(releaseId).getKieBase();
        // Every validation builds a module; the repository would keep them all.
        kie.getRepository().removeKieModule(releaseId);
        return new RuleSet(base, version);
    }

    public RoutingDecision decide(RoutingFacts facts) {
        KieSession session = sessions.get();
        List<String> fired = new ArrayList<>();
        List<FactHandle> handles = new ArrayList<>(4);
        DefaultAgendaEventListener recorder = new DefaultAgendaEventListener() {
            @Override
            public void afterMatchFired(AfterMatchFiredEvent event) {
                fired.add(event.getMatch().getRule().getName());
            }
        };
        boolean clean = false;
        session.addEventListener(recorder);
        try {
            DecisionDraft draft = new DecisionDraft();
            handles.add(session.insert(facts.caseFacts()));
            handles.add(session.insert(facts.customer()));
            handles.add(session.insert(facts.message()));
            handles.add(session.insert(draft));
            int firings = session.fireAllRules(MAX_FIRINGS + 1);
            if (firings > MAX_FIRINGS) {
                throw new RuleSetException(List.of("rules fired more than " + MAX_FIRINGS + " times for one decision; "
                        + "a rule keeps re-firing"));
            }
            if (draft.getQueue() == null || draft.getPriority() == null) {
                throw new RuleSetException(List.of("the rules left the decision without a "
                        + (draft.getQueue() == null ? "queue" : "priority") + " (rules fired: " + fired + ")"));
            }
            clean = true;
            return new RoutingDecision(!draft.isEscalate(), draft.getQueue(), draft.getPriority(), draft.getSkills(),
                    facts.message().getTopic(), List.copyOf(fired), version, draft.getReasons());
        } finally {
            session.removeEventListener(recorder);
            handles.forEach(session::delete);
            if (!clean || session.getFactCount() != 0) {
                // A failed decision may leave state behind; the next decision on this thread starts afresh.
                session.dispose();
                sessions.remove();
            }
        }
    }

    /** Drops this thread's session: for rule sets used a few times only (validation, dry runs), so none lingers. */
    public void release() {
        sessions.get().dispose();
        sessions.remove();
    }

    public String version() {
        return version;
    }

    /** A short fingerprint of a DRL text. */
    public static String checksumOf(String drl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(drl.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
