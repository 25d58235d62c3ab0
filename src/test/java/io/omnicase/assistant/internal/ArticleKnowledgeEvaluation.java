package io.omnicase.assistant.internal;

import io.omnicase.assistant.Article;
import io.omnicase.embeddings.KnowledgeEmbeddings;
import io.omnicase.search.KnowledgeEntry;
import io.omnicase.search.KnowledgeMatch;
import io.omnicase.search.TopicSource;
import io.omnicase.assistant.internal.ArticleSet.Half;
import io.omnicase.assistant.internal.ArticleSet.Question;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The articles-only regime, measured on the written set in {@code src/test/resources/assistant/articles} (see its
 * README): each half (tune, test) is a knowledge of 18 help-centre articles and nothing else, asked 180 questions its
 * articles answer and 80 that none does. Not a test (run it with {@code mvn -B -o surefire:test -Dtest=ArticleKnowledgeEvaluation}):
 * it prints, per half, how often the answer's first source is the right article and how many unanswerable questions
 * are declined, at the configured threshold and along the operating curve.
 * <p>
 * The confidence is the product's ({@link TopicModel} measured over the articles' title vectors as the knowledge index
 * holds them, {@link TopicVote#decide}, bge-small-en-v1.5); retrieval is simulated by exact nearest neighbours by
 * meaning, the 30 nearest titles (the index's hybrid retrieval fuses BM25 too, which with 18 articles adds no source the
 * 30 nearest by meaning lack: every article is among them). {@code AssistantEvaluation#articles} asks the same set
 * through the running product (Elasticsearch, MariaDB).
 * <p>
 * It prints the product (an answer from an article read as any other) and the candidate, measured and not shipped,
 * that reads an answer from a topic of articles alone by the article itself ({@link ArticleReading}), and for the
 * tune half how close a customer's question lies to the title of the article that answers it.
 */
class ArticleKnowledgeEvaluation {

    static final double[] SWEEP = {0.20, 0.30, 0.35, 0.40, 0.41, 0.45, 0.50, 0.55, 0.60, 0.70, 0.80};
    static final double THRESHOLD = 0.41;

    record Outcome(Question question, String answered, double confidence) {
        boolean right() {
            return question.inScope() && question.slug().equals(answered);
        }
    }

    private final KnowledgeEmbeddings embeddings = new KnowledgeEmbeddings();

    @Test
    void articlesAlone() throws Exception {
        for (String name : List.of("tune", "test")) {
            Half half = ArticleSet.half(name);
            System.out.printf(Locale.ROOT, "%n[articles] the product (articles read as any source):");
            print(half, ask(half, false));
            System.out.printf(Locale.ROOT, "%n[articles] the candidate (the article read by itself, not shipped):");
            print(half, ask(half));
            if (name.equals("tune")) {
                closeness(half);
            }
        }
    }

    /**
     * The product's nine demo articles ({@code knowledge/*.md}) and the questions of docs/assistant.md's "Phrasing
     * groups" table: their confidence and the article the answer is drawn from (no demo resolved cases here).
     */
    @Test
    void demoKnowledge() throws Exception {
        Path folder = Path.of("knowledge");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isDirectory(folder));
        List<Article> articles = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                MarkdownArticles.Parsed parsed = MarkdownArticles.parseFile(Files.readString(file));
                articles.add(new Article(file.getFileName().toString().replaceFirst("\\.md$", ""), parsed.title(),
                        parsed.topic(), parsed.body(), "knowledge-folder", "system", null));
            }
        }
        List<Question> questions = Stream.of("How do I delete my account?", "How do I change my card details",
                "Can I split the payment into several parts?", "Do you accept PayPal?",
                "Can I pause my subscription for two months?", "Can I change my username?",
                "How can I reset my password? I forgot it", "How do I change my email address?",
                "How do I update my credit card?", "i cant log in, forgot my pasword", "is it possible to turn on 2fa",
                "Can I get the invoice from March?", "What are your opening hours on Saturday?",
                "The app crashes when I open it", "My parcel has not arrived yet", "I want to cancel",
                "What is the best recipe for a vegan lasagna with spinach?",
                "Where did my loyalty points go after I upgraded my plan?",
                "Can I pay my membership fee in monthly instalments?",
                // The demo's customers (DemoData) and walk 46's message (SelfService.REPHRASE).
                "Do you ship to Austria?", "How do I change the email address on my account?",
                "I was charged twice for my subscription this month! Please fix this.",
                "The app crashes every time I log in. This is urgent, I need my tickets today.",
                "Our invoices for October are missing from the portal.",
                "my invoice 4711 shows 19% VAT, I am a business customer in Austria: can you correct it?",
                // CaseViewLiveIT's double charge (QueueCases): the desk must not list "Cancel your subscription".
                "I was charged twice for my subscription, please refund it (reference zq1a2b3c4d5e6f)").map(q -> new Question(q, null, "demo")).toList();
        Half demo = new Half("demo", articles, questions);
        List<Outcome> candidate = ask(demo);
        List<Outcome> product = ask(demo, false);
        for (int i = 0; i < questions.size(); i++) {
            System.out.printf(Locale.ROOT, "[articles] demo %-58s candidate %.3f, product %.3f, %s%n",
                    questions.get(i).text(), candidate.get(i).confidence(), product.get(i).confidence(),
                    candidate.get(i).answered());
        }
    }

    /** Asks the half's questions as the candidate reads them (the article read by itself, not shipped). */
    List<Outcome> ask(Half half) {
        return ask(half, true);
    }

    /** Asks the half's questions; {@code articles}: an answer from a topic of articles alone read by the article. */
    List<Outcome> ask(Half half, boolean articles) {
        Map<KnowledgeEntry, float[]> entries = new LinkedHashMap<>();
        for (Article article : half.articles()) {
            KnowledgeEntry entry = KnowledgeEntries.article(article);
            entries.put(entry, embeddings.embed(entry.title()));
        }
        Map<String, List<TopicSource>> byTopic = new HashMap<>();
        entries.forEach((e, v) -> byTopic.computeIfAbsent(e.topic(), t -> new ArrayList<>()).add(new TopicSource(e.phrasing(), v, e.origin())));
        Map<String, Long> versions = new HashMap<>();
        byTopic.keySet().forEach(t -> versions.put(t, 1L));
        TopicModel.Snapshot snapshot = new TopicModel(() -> versions, byTopic::get).current();
        List<Outcome> outcomes = new ArrayList<>();
        for (Question q : half.questions()) {
            float[] vector = embeddings.embed(q.text());
            List<KnowledgeMatch> matches = new ArrayList<>();
            entries.forEach((e, v) -> matches.add(new KnowledgeMatch(e, 0, TopicModel.dot(vector, v))));
            matches.sort(Comparator.comparingDouble(KnowledgeMatch::similarity).reversed());
            TopicVote.Verdict verdict = TopicVote.decide(matches.subList(0, Math.min(TopicVote.RETRIEVE, matches.size())),
                    vector, snapshot, articles ? new ArticleReading(entry -> embeddings.embed(ArticleReading.articleText(entry)))
                            : TopicVote.CALIBRATED);
            String answered = verdict.support().isEmpty() ? null
                    : verdict.support().get(0).entry().id().substring("article:".length());
            outcomes.add(new Outcome(q, answered, verdict.confidence()));
        }
        return outcomes;
    }

    static double inScope(List<Outcome> outcomes, double t) {
        return (double) outcomes.stream().filter(o -> o.right() && o.confidence() >= t).count()
                / outcomes.stream().filter(o -> o.question().inScope()).count();
    }

    static double declined(List<Outcome> outcomes, double t, String group) {
        List<Outcome> out = outcomes.stream().filter(o -> !o.question().inScope()
                && (group == null || group.equals(o.question().group()))).toList();
        return (double) out.stream().filter(o -> o.confidence() < t).count() / out.size();
    }

    static double precision(List<Outcome> outcomes, double t) {
        long answered = outcomes.stream().filter(o -> o.confidence() >= t).count();
        return answered == 0 ? 1 : (double) outcomes.stream().filter(o -> o.right() && o.confidence() >= t).count() / answered;
    }

    static void print(Half half, List<Outcome> outcomes) {
        System.out.printf(Locale.ROOT, "%n[articles] %s half: %d articles, %d in-scope, %d out-of-scope questions; "
                        + "right article first (no threshold) %.3f%n", half.name(), half.articles().size(),
                outcomes.stream().filter(o -> o.question().inScope()).count(),
                outcomes.stream().filter(o -> !o.question().inScope()).count(), inScope(outcomes, -1));
        for (double t : SWEEP) {
            System.out.printf(Locale.ROOT, "[articles]   %s threshold %.2f: in-scope right %.3f, out-of-scope declined %.3f "
                            + "(near misses %.3f, general %.3f), precision %.3f%n", half.name(), t, inScope(outcomes, t),
                    declined(outcomes, t, null), declined(outcomes, t, "near-miss"), declined(outcomes, t, "general"),
                    precision(outcomes, t));
        }
        StringBuilder bands = new StringBuilder("[articles]   " + half.name() + " right answers per confidence band:");
        for (int band = 0; band < 10; band += 2) {
            double lo = band / 10.0;
            double hi = lo + 0.2;
            List<Outcome> in = outcomes.stream().filter(o -> o.confidence() >= lo && (o.confidence() < hi || hi >= 1)).toList();
            bands.append(String.format(Locale.ROOT, " [%.1f,%.1f) %s (n=%d)", lo, hi, in.isEmpty() ? "-"
                    : String.format(Locale.ROOT, "%.2f", (double) in.stream().filter(Outcome::right).count() / in.size()), in.size()));
        }
        System.out.println(bands);
    }

    /** How close the tune half's questions lie to their own article's title and to its topic's centroid. */
    void closeness(Half half) {
        Map<String, float[]> titles = new HashMap<>();
        Map<String, String> topicOf = new HashMap<>();
        Map<String, double[]> sums = new HashMap<>();
        for (Article a : half.articles()) {
            float[] v = embeddings.embed(a.title());
            titles.put(a.slug(), v);
            topicOf.put(a.slug(), a.topic());
            double[] sum = sums.computeIfAbsent(a.topic(), t -> new double[v.length]);
            for (int i = 0; i < v.length; i++) {
                sum[i] += v[i];
            }
        }
        List<Double> nearest = new ArrayList<>();
        List<Double> centroid = new ArrayList<>();
        for (Question q : half.questions()) {
            if (!q.inScope()) {
                continue;
            }
            float[] v = embeddings.embed(q.text());
            nearest.add(TopicModel.dot(v, titles.get(q.slug())));
            double[] sum = sums.get(topicOf.get(q.slug()));
            double norm = Math.sqrt(java.util.Arrays.stream(sum).map(x -> x * x).sum());
            centroid.add(TopicModel.dot(v, sum) / norm);
        }
        System.out.printf(Locale.ROOT, "[articles]   tune closeness of a question to its article's title: %.3f +- %.3f; "
                + "to its topic's centroid: %.3f +- %.3f%n", mean(nearest), sd(nearest), mean(centroid), sd(centroid));
    }

    static double mean(List<Double> xs) {
        return xs.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    static double sd(List<Double> xs) {
        double m = mean(xs);
        return Math.sqrt(xs.stream().mapToDouble(x -> (x - m) * (x - m)).sum() / xs.size());
    }
}
