/**
 * Sentence embeddings computed in process (all-MiniLM-L6-v2, quantised, 384 dimensions, English): one model, loaded
 * once and shared by the assistant, sentiment and the interaction history, so a text is embedded once.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Embeddings")
package io.omnicase.embeddings;
