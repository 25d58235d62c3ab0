/**
 * Sentiment: text to a score in -1..1 and a label. {@link io.omnicase.sentiment.CustomerSentiment} reads a customer's
 * message as a supervisor would: a classifier over the shared sentence embedding decides the label, the VADER lexicon
 * ({@link io.omnicase.sentiment.SentimentAnalyzer}: lexicon, negation, boosters, ALL-CAPS emphasis, punctuation, emoji,
 * "but" contrast) stays the fast, explainable signal and scales the score; non-English text is marked uncertain; a
 * model failure falls back to the lexicon and says so. Also: the rolling sentiment of a case with its trend, and
 * {@link io.omnicase.sentiment.ChurnIntent}, the one place that decides whether a customer means to leave. Only
 * {@code internal} wires them into Spring.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sentiment")
package io.omnicase.sentiment;
