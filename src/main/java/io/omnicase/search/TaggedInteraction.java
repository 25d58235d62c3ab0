package io.omnicase.search;

/**
 * An interaction with its tags, as a bulk write (a generated history, a rebuild) hands it to the index; with the
 * embedding of its text when the writer has one (null: found by its words only).
 */
public record TaggedInteraction(InteractionDocument document, InteractionTags tags, float[] vector) {

    public TaggedInteraction(InteractionDocument document, InteractionTags tags) {
        this(document, tags, null);
    }
}
