package io.omnicase.assistant.internal;

import io.omnicase.assistant.Article;
import io.omnicase.embeddings.KnowledgeEmbeddings;
import io.omnicase.assistant.internal.ArticleSet.Half;
import io.omnicase.assistant.internal.ArticleSet.Question;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

class ArticleVectorsDump {
    final KnowledgeEmbeddings e = new KnowledgeEmbeddings();

    String vec(String text) {
        float[] v = e.embed(text);
        StringBuilder b = new StringBuilder();
        for (float f : v) b.append(String.format(Locale.ROOT, "%.5f,", f));
        return b.toString();
    }

    static String clean(String s) { return s.replace("\t", " ").replace("\n", " "); }

    void article(PrintWriter out, String half, Article a) {
        out.println("A\t" + half + "\t" + a.slug() + "\t" + a.topic() + "\t" + clean(a.title()) + "\t" + vec(a.title()));
        String body = a.body().replaceAll("\\*\\*|__|`", "");
        out.println("B\t" + half + "\t" + a.slug() + "\t" + a.topic() + "\t" + clean(body) + "\t" + vec(body));
        out.println("C\t" + half + "\t" + a.slug() + "\t" + a.topic() + "\t" + clean(a.title() + ". " + body) + "\t" + vec(a.title() + ". " + body));
        for (String s : body.split("(?<=[.!?])\\s+|\\n+")) {
            if (s.isBlank()) continue;
            out.println("S\t" + half + "\t" + a.slug() + "\t" + a.topic() + "\t" + clean(s.strip()) + "\t" + vec(s.strip()));
        }
    }

    @Test
    void dump() throws Exception {
        try (PrintWriter out = new PrintWriter(Files.newBufferedWriter(Path.of("target/article-vectors.tsv")))) {
            for (String name : List.of("tune", "test")) {
                Half half = ArticleSet.half(name);
                for (Article a : half.articles()) article(out, name, a);
                for (Question q : half.questions()) {
                    out.println("Q\t" + name + "\t" + (q.slug() == null ? "-" : q.slug()) + "\t" + q.group() + "\t" + clean(q.text()) + "\t" + vec(q.text()));
                }
            }
            try (Stream<Path> files = Files.list(Path.of("knowledge"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".md")).sorted().toList()) {
                    MarkdownArticles.Parsed p = MarkdownArticles.parseFile(Files.readString(file));
                    article(out, "demo", new Article(file.getFileName().toString().replaceFirst("\\.md$", ""), p.title(), p.topic(), p.body(), "k", "s", null));
                }
            }
            String[][] demo = {{"-", "How do I delete my account?"}, {"-", "How do I change my card details"},
                    {"-", "Can I split the payment into several parts?"}, {"-", "Do you accept PayPal?"},
                    {"-", "Can I pause my subscription for two months?"}, {"-", "Can I change my username?"},
                    {"reset-password", "How can I reset my password? I forgot it"}, {"change-email-address", "How do I change my email address?"},
                    {"update-payment-method", "How do I update my credit card?"}, {"reset-password", "i cant log in, forgot my pasword"},
                    {"two-factor-authentication", "is it possible to turn on 2fa"}, {"download-invoice", "Can I get the invoice from March?"},
                    {"opening-hours", "What are your opening hours on Saturday?"}, {"app-does-not-start", "The app crashes when I open it"},
                    {"delivery-times", "My parcel has not arrived yet"}, {"cancel-subscription", "I want to cancel"},
                    {"-", "What is the best recipe for a vegan lasagna with spinach?"},
                    {"-", "Where did my loyalty points go after I upgraded my plan?"},
                    {"-", "Can I pay my membership fee in monthly instalments?"}};
            for (String[] d : demo) {
                out.println("Q\tdemo\t" + d[0] + "\t" + (d[0].equals("-") ? "near-miss" : "in-scope") + "\t" + d[1] + "\t" + vec(d[1]));
            }
        }
    }
}
