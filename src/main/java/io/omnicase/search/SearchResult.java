package io.omnicase.search;

import java.util.List;

/** Matching interactions, best first, and how many matched in all. */
public record SearchResult(long total, List<InteractionDocument> hits) {
}
