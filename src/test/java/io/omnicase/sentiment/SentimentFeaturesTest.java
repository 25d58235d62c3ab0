package io.omnicase.sentiment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The signals the classifier reads next to the embedding: what each one notices, and what it leaves alone. */
class SentimentFeaturesTest {

    private static double signal(String text, boolean english, String name) {
        return SentimentFeatures.of(text, 0, english)[SentimentFeatures.NAMES.indexOf(name)];
    }

    @Test
    void aCalmReportIsNoticedByItsCuesNotByItsBrokenThings() {
        assertThat(signal("No hurry, the dryer door is broken. Can someone come next week?", true, "calmReport")).isOne();
        assertThat(signal("Just wondering whether water damage is covered.", true, "calmReport")).isOne();
        assertThat(signal("The dryer door is broken and I am furious.", true, "calmReport")).isZero();
    }

    @Test
    void measuringTheCompanyAgainstAPromiseIsImplicitDissatisfaction() {
        assertThat(signal("You told me the part was ordered. Once again nothing.", true, "expectationCues")).isOne();
        assertThat(signal("Last time it took a week.", true, "expectationCues")).isEqualTo(0.5);
        assertThat(signal("I expected better from a premium plan.", true, "expectationCues")).isOne();
        assertThat(signal("Could you tell me the opening hours?", true, "expectationCues")).isZero();
    }

    @Test
    void foreignWordsOfComplaintAndThanksAreReadOnlyWhenTheMessageIsNotEnglish() {
        assertThat(signal("Ich bin wirklich enttäuscht, niemand ruft zurück.", false, "foreignNegative")).isOne();
        assertThat(signal("Merci, c'est parfait !", false, "foreignPositive")).isOne();
        assertThat(signal("Merci, c'est parfait !", false, "foreignNegative")).isZero();
        assertThat(signal("The perfect gift arrived, super fast.", true, "foreignPositive")).isZero();
    }

    @Test
    void anUnamusedFaceIsASarcasmMarker() {
        assertThat(signal("Delivered to the wrong house again \uD83D\uDE12", true, "sarcasmMarkers")).isOne();
        assertThat(signal("Delivered to the right house", true, "sarcasmMarkers")).isZero();
    }
}
