package io.omnicase.routing;

import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.event.rule.AfterMatchFiredEvent;
import org.kie.api.event.rule.DefaultAgendaEventListener;
import org.kie.api.runtime.KieSession;

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

    private final KieBase kieBase;
    private final String version;

    private RuleSet(KieBase kieBase, String version) {
        this.kieBase = kieBase;
        this.version = version;
    }

    /** Compiles a DRL text; throws {@link RuleSetException} with Drools' messages (and line numbers) when it does not. */
    public static RuleSet compile(String drl) {
        KieServices kie = KieServices.get();
        ReleaseId releaseId = kie.newReleaseId("io.omnicase.rules", "routing", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem files = kie.newKieFileSystem().generateAndWritePomXML(releaseId)
                .write("src/main/resources/rules/routing.drl", drl);
        KieBuilder builder = kie.newKieBuilder(files).buildAll();
        List<Message> errors = builder.getResults().getMessages(Message.Level.ERROR);
        if (!errors.isEmpty()) {
            throw new RuleSetException(errors.stream()
                    .map(m -> "line " + m.getLine() + ": " + m.getText().strip()).toList());
        }
        KieBase base = kie.newKieContainer(releaseId).getKieBase();
        return new RuleSet(base, versionOf(drl));
    }

    public RoutingDecision decide(CaseFacts caseFacts, MessageFacts message) {
        KieSession session = kieBase.newKieSession();
        List<String> fired = new ArrayList<>();
        try {
            session.addEventListener(new DefaultAgendaEventListener() {
                @Override
                public void afterMatchFired(AfterMatchFiredEvent event) {
                    fired.add(event.getMatch().getRule().getName());
                }
            });
            DecisionDraft draft = new DecisionDraft();
            session.insert(caseFacts);
            session.insert(message);
            session.insert(draft);
            int firings = session.fireAllRules(MAX_FIRINGS + 1);
            if (firings > MAX_FIRINGS) {
                throw new RuleSetException(List.of("rules fired more than " + MAX_FIRINGS + " times for one decision; "
                        + "a rule keeps re-firing"));
            }
            return new RoutingDecision(!draft.isEscalate(), draft.getQueue(), draft.getPriority(), message.getTopic(),
                    List.copyOf(fired), version);
        } finally {
            session.dispose();
        }
    }

    public String version() {
        return version;
    }

    private static String versionOf(String drl) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(drl.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(hash, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
