package io.omnicase.bench;

import io.omnicase.routing.facts.CaseStatus;
import io.omnicase.routing.facts.Channel;
import io.omnicase.routing.facts.Tier;
import io.omnicase.routing.CaseFacts;
import io.omnicase.routing.CustomerFacts;
import io.omnicase.routing.MessageFacts;
import io.omnicase.routing.Priority;
import io.omnicase.routing.Queue;
import io.omnicase.routing.RoutingFacts;
import io.omnicase.routing.RuleSet;
import io.omnicase.routing.Skill;
import io.omnicase.routing.Topic;
import io.omnicase.sentiment.SentimentAnalyzer;
import io.omnicase.routing.facts.SentimentTrend;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Latency of one routing decision with the real rules/routing.drl padded to 100 rules (one rule per channel, tier and
 * topic, as a decision table would generate), next to hand-written Java doing the same checks for the same 100 rules.
 * Run with bench/run.sh RoutingBenchmark (pinned to one core).
 */
public final class RoutingBenchmark {

    private static final int RULES = Integer.getInteger("rules", 100);

    public static void main(String[] args) throws Exception {
        String shipped = Files.readString(Path.of("rules/routing.drl"));
        int shippedRules = shipped.split("\nrule ", -1).length - 1;
        int extra = RULES - shippedRules;
        StringBuilder drl = new StringBuilder(shipped);
        for (int i = 0; i < extra; i++) {
            // The shape a routing table grows into: one rule per channel, tier and topic (what a decision table
            // generates), each asking for a skill when that kind of customer is unhappy on that channel.
            drl.append("""

                    rule "Padding rule %d"
                    when
                        CaseFacts( channel == Channel.%s )
                        CustomerFacts( tier == Tier.%s )
                        MessageFacts( topic == Topic.%s, sentiment < %s )
                        $decision : DecisionDraft()
                    then
                        $decision.requireSkill(Skill.DE_ESCALATION);
                    end
                    """.formatted(i, paddingChannel(i), paddingTier(i), paddingTopic(i), -0.1 - (i / 72) * 0.2));
        }
        RuleSet rules = RuleSet.compile(drl.toString());
        List<RoutingFacts> samples = samples();

        double sink = 0;
        for (int round = 0; round < 300_000; round++) {
            RoutingFacts facts = samples.get(round % samples.size());
            sink += rules.decide(facts).rulesFired().size() + javaDecide(facts, extra).ordinal();
        }
        Percentiles drools = new Percentiles(200_000);
        Percentiles java = new Percentiles(200_000);
        for (int round = 0; round < 200_000; round++) {
            RoutingFacts facts = samples.get(round % samples.size());
            long start = System.nanoTime();
            sink += rules.decide(facts).rulesFired().size();
            drools.add(System.nanoTime() - start);
            start = System.nanoTime();
            sink += javaDecide(facts, extra).ordinal();
            java.add(System.nanoTime() - start);
        }
        System.out.println("Routing decision, one core, " + (shippedRules + extra) + " rules (" + shippedRules
                + " shipped + " + extra + " padding)");
        System.out.println(drools.summary("Drools (session reused per thread)"));
        System.out.println(java.summary("hand-written Java, same logic"));
        System.out.println("(checksum " + Math.round(sink) + ")");
    }

    /** The shipped rules and the padding rules, written by hand; returns the queue so the JIT cannot drop the work. */
    private static Queue javaDecide(RoutingFacts facts, int padding) {
        CaseFacts c = facts.caseFacts();
        CustomerFacts customer = facts.customer();
        MessageFacts m = facts.message();
        boolean escalate = false;
        Queue queue = Queue.GENERAL;
        Priority priority = Priority.NORMAL;
        List<String> fired = new ArrayList<>();
        switch (m.getTopic()) {
            case BILLING -> { queue = Queue.BILLING; fired.add("billing"); }
            case TECHNICAL -> { queue = Queue.TECHNICAL; fired.add("technical"); }
            case ACCOUNT -> fired.add("account");
            default -> { }
        }
        if (customer.getTier() == Tier.VIP) {
            escalate = true; queue = Queue.SENIOR; priority = priority.max(Priority.HIGH); fired.add("vip");
        }
        if (m.isAsksForPerson()) { escalate = true; fired.add("person"); }
        if (m.isUrgent()) { escalate = true; priority = priority.max(Priority.HIGH); fired.add("urgent"); }
        if (c.getReopenCount() > 0) { escalate = true; fired.add("reopened"); }
        if (c.getMessageCount() >= 3) { escalate = true; fired.add("third message"); }
        if (m.getTopic() == Topic.BILLING
                && m.getText().matches("(?is).*\\b(dispute|wrong|twice|double|overcharged|unauthori[sz]ed)\\b.*")) {
            escalate = true; fired.add("dispute");
        }
        if (c.getStatus() == CaseStatus.SELF_SERVICE && c.getSentimentTrend() == SentimentTrend.WORSENING
                && m.getSentiment() <= -0.5) {
            escalate = true; priority = priority.max(Priority.URGENT); fired.add("mood");
        }
        if (m.getSentiment() <= -0.05 && customer.getSameTopicComplaints() >= 3) {
            escalate = true; queue = Queue.SENIOR; priority = priority.max(Priority.HIGH); fired.add("complaints");
        }
        if (c.getStatus() == CaseStatus.SELF_SERVICE && c.getAgeHours() >= 72) { escalate = true; fired.add("age"); }
        if (customer.getRecentCases() >= 5) { priority = priority.max(Priority.HIGH); fired.add("frequent"); }
        Set<Skill> skills = EnumSet.noneOf(Skill.class);
        for (int i = 0; i < padding; i++) {
            if (c.getChannel() == paddingChannel(i) && customer.getTier() == paddingTier(i)
                    && m.getTopic() == paddingTopic(i) && m.getSentiment() < -0.1 - (i / 72) * 0.2) {
                skills.add(Skill.DE_ESCALATION); fired.add("padding " + i);
            }
        }
        return escalate || !skills.isEmpty() ? queue : fired.isEmpty() ? Queue.GENERAL : queue;
    }

    private static Channel paddingChannel(int i) {
        return Channel.values()[i % Channel.values().length];
    }

    private static Tier paddingTier(int i) {
        return Tier.values()[(i / Channel.values().length) % Tier.values().length];
    }

    private static Topic paddingTopic(int i) {
        return Topic.values()[(i / (Channel.values().length * Tier.values().length)) % Topic.values().length];
    }

    private static List<RoutingFacts> samples() {
        SentimentAnalyzer sentiment = SentimentAnalyzer.withVaderLexicon();
        String[] texts = {"How do I change my address?", "I was charged twice, please refund",
                "The app crashes at login, this is urgent", "Let me talk to a real person", "Thanks, that worked!",
                "This is useless, I am really angry!!!", "When does my invoice arrive?", "Any news?"};
        Random random = new Random(7);
        List<RoutingFacts> samples = new ArrayList<>();
        for (int i = 0; i < 256; i++) {
            String text = texts[random.nextInt(texts.length)];
            samples.add(new RoutingFacts(
                    new CaseFacts(Channel.values()[random.nextInt(Channel.values().length)],
                            random.nextBoolean() ? CaseStatus.SELF_SERVICE : CaseStatus.NEW, random.nextInt(100),
                            1 + random.nextInt(4), random.nextInt(10) == 0 ? 1 : 0, random.nextDouble() * 2 - 1,
                            SentimentTrend.values()[random.nextInt(3)]),
                    new CustomerFacts(Tier.values()[random.nextInt(10) == 0 ? 2 : random.nextInt(2)], 1 + random.nextInt(2),
                            1 + random.nextInt(6), random.nextInt(4)),
                    new MessageFacts(text, sentiment.analyze(text))));
        }
        return samples;
    }
}
