package io.omnicase.search;

/**
 * Gives an interaction its {@link InteractionTags} when it is indexed. Declared here, answered by the module that
 * knows topics (insight); the tags are derived from what MariaDB holds, so a rebuilt index gets the same ones.
 */
public interface InteractionTagger {

    InteractionTags tagsOf(InteractionDocument document);
}
