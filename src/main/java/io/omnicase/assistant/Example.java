package io.omnicase.assistant;

/** A resolved question: what the customer asked, the answer that resolved it, and its topic. */
public record Example(String question, String answer, String topic) {
}
