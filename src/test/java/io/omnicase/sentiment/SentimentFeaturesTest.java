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

    /** Threatening to take it further (an ombudsman, a court, a chargeback) is dissatisfaction without a feeling word. */
    @Test
    void threateningToTakeItFurtherIsImplicitDissatisfaction() {
        assertThat(signal("If I get no answer by Friday I'll go to the ombudsman.", true, "expectationCues")).isPositive();
        assertThat(signal("I have started a chargeback with my bank.", true, "expectationCues")).isPositive();
        assertThat(signal("I would like to make a formal complaint.", true, "expectationCues")).isPositive();
        assertThat(signal("Which court is nearest to your Leeds branch?", true, "expectationCues")).isZero();
    }

    /**
     * Closing an account after a death or a move abroad is leaving, but not in anger: the churn signal, which makes a
     * message negative, is left off (routing's churn fact, ChurnIntent, still sees it).
     */
    @Test
    void closingAnAccountAfterABereavementOrAMoveAbroadIsNoChurnSignal() {
        assertThat(signal("My mum passed away, so I need to cancel the broadband.", true, "churnIntent")).isZero();
        assertThat(signal("We're emigrating in May, how do I close my account?", true, "churnIntent")).isZero();
        assertThat(signal("Moving overseas next month, what is the notice period to cancel my contract?", true,
                "churnIntent")).isZero();
        assertThat(signal("Please close my account, the service is a joke.", true, "churnIntent")).isOne();
        assertThat(ChurnIntent.in("My mum passed away, so I need to cancel the broadband.")).isTrue();
        assertThat(ChurnIntent.in("We're emigrating in May, how do I close my account?")).isTrue();
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

    @Test
    void againIsAComplaintWhenItRepeatsAProblemNotWhenItRepeatsGoodNews() {
        assertThat(signal("The heater is broken again.", true, "dissatisfactionCues")).isPositive();
        assertThat(signal("Again? Third outage this week.", true, "dissatisfactionCues")).isPositive();
        assertThat(signal("The heater is working again.", true, "dissatisfactionCues")).isZero();
        assertThat(signal("Thanks again for your time.", true, "dissatisfactionCues")).isZero();
        assertThat(signal("Can you try again after lunch?", true, "dissatisfactionCues")).isZero();
        // nothing named beside it: it repeats where the message stood
        assertThat(signal("It worked! Uploading again.", true, "dissatisfactionCues")).isZero();
        assertThat(signal("It stopped working. Uploading again.", true, "dissatisfactionCues")).isPositive();
    }

    @Test
    void aProblemThatIsOverIsNotTroubleButANegatedGoodStateIs() {
        assertThat(signal("Thanks, the error is gone.", true, "politeAboutTrouble")).isZero();
        assertThat(signal("Thank you, the app is no longer broken.", true, "politeAboutTrouble")).isZero();
        assertThat(signal("Thanks, no error message this time.", true, "politeAboutTrouble")).isZero();
        assertThat(signal("Thanks, but it's still not working.", true, "politeAboutTrouble")).isOne();
        assertThat(signal("Thanks for the quick reply, but the replacement is broken too.", true, "politeAboutTrouble"))
                .isOne();
        assertThat(signal("It doesn't crash anymore.", true, "dissatisfactionCues")).isZero();
        assertThat(signal("It doesn't work anymore.", true, "dissatisfactionCues")).isPositive();
    }

    @Test
    void sayingYouWillWaitIsCalmHavingWaitedIsNot() {
        assertThat(signal("Thanks, I'll wait for the engineer.", true, "politeAboutTrouble")).isZero();
        assertThat(signal("Thank you, happy to hold.", true, "politeAboutTrouble")).isZero();
        assertThat(signal("Thanks, I waited in all day.", true, "politeAboutTrouble")).isOne();
        assertThat(signal("I don't mind waiting.", true, "dissatisfactionCues")).isZero();
        assertThat(signal("We have been waiting since Monday.", true, "dissatisfactionCues")).isPositive();
    }

    @Test
    void recoveryIsWhereTheMessageEndsOnAProblemOverOrAThingThatWorks() {
        assertThat(signal("The error is gone, thank you.", true, "recovery")).isOne();
        assertThat(signal("Internet is back to normal, no more dropouts.", true, "recovery")).isOne();
        assertThat(signal("It works again after the reset.", true, "recovery")).isOne();
        assertThat(signal("It worked for an hour, and now the same error is back.", true, "recovery")).isZero();
        assertThat(signal("It is not working.", true, "recovery")).isZero();
        assertThat(signal("Could you tell me the opening hours?", true, "recovery")).isZero();
    }

    @Test
    void aMessageEndsOnTroubleWhenItsLastWordOfStateIsAProblemNotOver() {
        assertThat(SentimentFeatures.endsOnTrouble("Dear team, my internet keeps dropping every evening. I hope you can help."))
                .isTrue();
        assertThat(SentimentFeatures.endsOnTrouble("Thanks, but it broke again.")).isTrue();
        assertThat(SentimentFeatures.endsOnTrouble("It broke twice, but it works now, thanks.")).isFalse();
        assertThat(SentimentFeatures.endsOnTrouble("Thank you, the leak is fixed.")).isFalse();
        assertThat(SentimentFeatures.endsOnTrouble("Thanks, I'll wait for the engineer.")).isFalse();
    }
}
