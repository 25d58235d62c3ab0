package io.omnicase.embeddings;

import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.PoolingMode;
import org.springframework.stereotype.Component;

/**
 * The embedding of every message: all-MiniLM-L6-v2 (quantised), fast enough for intake, which reads each message's
 * sentiment from it; the interaction history and pattern detection reuse the same vector.
 */
@Component
public class TextEmbeddings extends Embeddings {

    /**
     * Texts whose vectors are kept (about 1.6 kB each): intake embeds every message for its sentiment, and the history
     * index embeds it again after commit, minutes later when Elasticsearch was away (issue 18, faults).
     */
    private static final int CACHED = 16_384;

    public TextEmbeddings() {
        super("all-minilm-l6-v2-q", CACHED);
    }

    @Override
    EmbeddingModel load() {
        return onCallingThread("all-minilm-l6-v2-q.onnx", "all-minilm-l6-v2-q-tokenizer.json", PoolingMode.MEAN);
    }
}
