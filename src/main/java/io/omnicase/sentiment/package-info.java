/**
 * Sentiment: text to a score in -1..1 and a label, computed in process with the VADER approach (lexicon, negation,
 * boosters, ALL-CAPS emphasis, punctuation, emoji, "but" contrast), and the rolling sentiment of a case with its trend.
 * The types of this package are plain Java; only {@code internal} wires them into Spring.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sentiment")
package io.omnicase.sentiment;
