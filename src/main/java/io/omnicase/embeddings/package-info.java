/**
 * Sentence embeddings computed in process (384 dimensions, English), each model loaded once and shared:
 * {@link io.omnicase.embeddings.TextEmbeddings} (all-MiniLM-L6-v2, quantised) for every message, read by sentiment,
 * the interaction history and pattern detection, so a message is embedded once; and
 * {@link io.omnicase.embeddings.KnowledgeEmbeddings} (bge-small-en-v1.5, quantised) for the assistant's knowledge and
 * the questions asked of it, more accurate and twice as slow, so kept off intake.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Embeddings")
package io.omnicase.embeddings;
