package io.omnicase.search;

/** An interaction with its tags, as a bulk write (a generated history, a rebuild) hands it to the index. */
public record TaggedInteraction(InteractionDocument document, InteractionTags tags) {
}
