package io.omnicase.embeddings;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * A sentence-embedding model run in process, loaded on first use (about a second) and shared; the vectors of recent
 * texts are kept, so a text asked for twice is embedded once. Thread-safe. Omnicase has two:
 * {@link TextEmbeddings} for every message (sentiment, history) and {@link KnowledgeEmbeddings} for the assistant.
 */
public abstract class Embeddings {

    /** Dimensions of every vector, of both models. */
    public static final int DIMENSIONS = 384;
    /** The models read at most 256 to 512 word pieces; longer text is cut (its start carries the gist of a message). */
    static final int MAX_CHARS = 2_000;

    private final String name;
    private final int cached;
    private volatile EmbeddingModel model;
    private final Map<String, float[]> recent;

    Embeddings(String name, int cached) {
        this.name = name;
        this.cached = cached;
        this.recent = Collections.synchronizedMap(new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
                return size() > Embeddings.this.cached;
            }
        });
    }

    /** Loads the model (called once). */
    abstract EmbeddingModel load();

    /** The model's name, stored beside its vectors so that vectors of another model are never compared with them. */
    public String model() {
        return name;
    }

    /**
     * The text's unit-length vector ({@link #DIMENSIONS} values). Blank text means nothing: its vector is all zeros,
     * similar to no other.
     */
    public float[] embed(String text) {
        String input = text == null ? "" : withoutLoneSurrogates(text).strip();
        if (input.isEmpty()) {
            return new float[DIMENSIONS];
        }
        if (input.length() > MAX_CHARS) {
            input = input.substring(0, MAX_CHARS);
        }
        String key = key(input);
        float[] cachedVector = recent.get(key);
        if (cachedVector != null) {
            return cachedVector.clone();
        }
        EmbeddingModel embedder = loaded();
        float[] vector;
        try {
            vector = embedder.embed(input).content().vector();
        } catch (IllegalArgumentException nothingToRead) {
            // The model's tokenizer read no word in the text: it drops U+FFFD, control and format characters and the
            // accents of letters, so "\uFFFD" or "\u200B" is as blank as "   " to it, and the model refused it. A chat
            // visitor's "\uFFFD" failed the routing of its case and its indexing, again and again (probe 50).
            vector = new float[DIMENSIONS];
            recent.put(key, vector);
            return vector.clone();
        }
        normalise(vector);
        recent.put(key, vector);
        return vector.clone();
    }

    /** Half of a character pair with no other half ("\\ud800" in JSON) is no character: the tokenizer reads it as nothing. */
    private static String withoutLoneSurrogates(String text) {
        // Code points of lone halves are the surrogate values themselves; a pair is one supplementary code point.
        IntPredicate lone = c -> c <= Character.MAX_VALUE && Character.isSurrogate((char) c);
        if (text.codePoints().noneMatch(lone)) {
            return text;
        }
        return text.codePoints().filter(lone.negate())
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }

    /**
     * Loads the model in the background once the application is up, so the first message that needs it does not wait
     * about a second for it.
     */
    @EventListener(ApplicationReadyEvent.class)
    void warmUpInTheBackground() {
        Thread loader = new Thread(() -> {
            try {
                embed("warm up");
            } catch (RuntimeException e) {
                // Its users fall back (sentiment to the lexicon, the assistant to a person); the next use tries again.
                LoggerFactory.getLogger(getClass()).warn("The embedding model {} did not load: {}", name, e.toString());
            }
        }, "embeddings-warm-up-" + name);
        loader.setDaemon(true);
        loader.start();
    }

    /** Cosine similarity of two unit vectors (of the same model). */
    public static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) {
            dot += a[i] * b[i];
        }
        return dot;
    }

    private EmbeddingModel loaded() {
        EmbeddingModel current = model;
        if (current == null) {
            synchronized (this) {
                if (model == null) {
                    model = load();
                }
                current = model;
            }
        }
        return current;
    }

    /**
     * The model packed in a langchain4j jar ({@code model} and {@code tokenizer} are its resource names), run on the
     * calling thread. The jar's own model class opens its ONNX session with the runtime's defaults: a pool of intra-op
     * threads per session that spin while they wait for work. Intake, the history and the assistant each embed one
     * short text at a time, so on two cores the pool only added spinning: all-MiniLM-L6-v2 took 10.2 ms of CPU per
     * text against 5.2 ms on the caller's thread alone, bge-small-en-v1.5 19.6 against 9.2 ms, for the same vectors
     * and the same latency (issue 18; docs/performance.md). Parallel callers still run in parallel: a session may be
     * run from many threads.
     */
    static EmbeddingModel onCallingThread(String model, String tokenizer, PoolingMode pooling) {
        ClassLoader jar = Embeddings.class.getClassLoader();
        try (InputStream modelBytes = jar.getResourceAsStream(model);
             InputStream tokenizerJson = jar.getResourceAsStream(tokenizer);
             OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            if (modelBytes == null || tokenizerJson == null) {
                throw new IllegalStateException("The embedding model " + model + " is not on the class path");
            }
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            options.addConfigEntry("session.intra_op.allow_spinning", "0");
            OrtEnvironment environment = OrtEnvironment.getEnvironment();
            OrtSession session = environment.createSession(modelBytes.readAllBytes(), options);
            return new CallingThreadModel(new OnnxBertBiEncoder(environment, session, tokenizerJson, pooling));
        } catch (IOException e) {
            throw new UncheckedIOException("The embedding model " + model + " could not be read", e);
        } catch (OrtException e) {
            throw new IllegalStateException("The embedding model " + model + " could not be loaded", e);
        }
    }

    /** A langchain4j in-process model over a session opened here; one text is embedded on the caller's thread. */
    private static final class CallingThreadModel extends AbstractInProcessEmbeddingModel {

        private final OnnxBertBiEncoder encoder;

        CallingThreadModel(OnnxBertBiEncoder encoder) {
            super(Runnable::run);
            this.encoder = encoder;
        }

        @Override
        protected OnnxBertBiEncoder model() {
            return encoder;
        }

        @Override
        protected Integer knownDimension() {
            return DIMENSIONS;
        }
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
