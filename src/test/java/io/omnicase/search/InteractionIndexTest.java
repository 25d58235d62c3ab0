package io.omnicase.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which history queries are also searched by meaning. */
class InteractionIndexTest {

    @Test
    void sentencesAreSearchedByMeaningTooButTokensAndSearchSyntaxOnlyByTheirWords() {
        assertThat(InteractionIndex.readsAsWords("package delivered to a neighbour by mistake")).isTrue();
        assertThat(InteractionIndex.readsAsWords("refund, please?")).isTrue();
        assertThat(InteractionIndex.readsAsWords("zq3f9a2b1c")).isFalse();
        assertThat(InteractionIndex.readsAsWords("refund")).isFalse();
        assertThat(InteractionIndex.readsAsWords("order 4711")).isFalse();
        assertThat(InteractionIndex.readsAsWords("\"broken screen\"")).isFalse();
        assertThat(InteractionIndex.readsAsWords("refund -invoice")).isFalse();
    }

    @Test
    void onlyWhatPeopleWroteIsSearchedByMeaningNotTheSystemsOwnEntries() {
        assertThat(InteractionIndex.searchedByMeaning("INBOUND")).isTrue();
        assertThat(InteractionIndex.searchedByMeaning("OUTBOUND")).isTrue();
        assertThat(InteractionIndex.searchedByMeaning("DECISION")).isFalse();
        assertThat(InteractionIndex.searchedByMeaning("STATUS")).isFalse();
        assertThat(InteractionIndex.searchedByMeaning("ROUTING")).isFalse();
    }
}
