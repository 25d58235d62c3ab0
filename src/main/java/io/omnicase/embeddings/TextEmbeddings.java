package io.omnicase.embeddings;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The one embedding model of Omnicase. Loaded on first use (about a second) and shared; the vectors of recent texts are
 * kept, so the same message asked for by sentiment, the assistant and the history is embedded once. Thread-safe.
 */
@Component
public class TextEmbeddings {

    /** Dimensions of every vector. */
    public static final int DIMENSIONS = 384;
    /** The model reads about 256 word pieces; longer text is cut (its start carries the gist of a message). */
    static final int MAX_CHARS = 2_000;
    /**
     * Texts whose vectors are kept (about 1.6 kB each): intake embeds every message for its sentiment, and the history
     * index embeds it again after commit, minutes later when Elasticsearch was away (issue 18, faults).
     */
    private static final int CACHED = 16_384;

    private volatile AllMiniLmL6V2QuantizedEmbeddingModel model;
    private final Map<String, float[]> recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED;
        }
    });

    /**
     * The text's unit-length vector ({@link #DIMENSIONS} values). Blank text means nothing: its vector is all zeros,
     * similar to no other.
     */
    public float[] embed(String text) {
        String input = text == null ? "" : text.strip();
        if (input.isEmpty()) {
            return new float[DIMENSIONS];
        }
        if (input.length() > MAX_CHARS) {
            input = input.substring(0, MAX_CHARS);
        }
        String key = key(input);
        float[] cached = recent.get(key);
        if (cached != null) {
            return cached.clone();
        }
        float[] vector = model().embed(input).content().vector();
        normalise(vector);
        recent.put(key, vector);
        return vector.clone();
    }

    /**
     * Loads the model in the background once the application is up, so the first customer message is not the one
     * that waits about a second for it (intake reads every message's sentiment from its embedding).
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUpInTheBackground() {
        Thread loader = new Thread(() -> {
            try {
                embed("warm up");
            } catch (RuntimeException e) {
                // Sentiment falls back to the lexicon and says so; the next use tries to load the model again.
                LoggerFactory.getLogger(TextEmbeddings.class).warn("The embedding model did not load: {}", e.toString());
            }
        }, "embeddings-warm-up");
        loader.setDaemon(true);
        loader.start();
    }

    /** Cosine similarity of two unit vectors. */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private AllMiniLmL6V2QuantizedEmbeddingModel model() {
        AllMiniLmL6V2QuantizedEmbeddingModel loaded = model;
        if (loaded == null) {
            synchronized (this) {
                if (model == null) {
                    model = new AllMiniLmL6V2QuantizedEmbeddingModel();
                }
                loaded = model;
            }
        }
        return loaded;
    }

    private static void normalise(float[] vector) {
        double norm = 0;
        for (float v : vector) {
            norm += v * v;
        }
        norm = Math.sqrt(norm);
        if (norm > 0) {
            for (int i = 0; i < vector.length; i++) {
                vector[i] = (float) (vector[i] / norm);
            }
        }
    }

    private static String key(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
