package io.omnicase.sentiment;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SentimentAnalyzerTest {

    private static final SentimentAnalyzer ANALYZER = SentimentAnalyzer.withVaderLexicon();

    private static double score(String text) {
        return ANALYZER.analyze(text).score();
    }

    @Test
    void readsPraiseAsPositiveAndComplaintsAsNegative() {
        assertThat(ANALYZER.analyze("Thanks, the new card works great").label()).isEqualTo(SentimentLabel.POSITIVE);
        assertThat(ANALYZER.analyze("This is terrible, you charged me twice").label()).isEqualTo(SentimentLabel.NEGATIVE);
        assertThat(ANALYZER.analyze("I sent the form on Monday").label()).isEqualTo(SentimentLabel.NEUTRAL);
    }

    @Test
    void negationTurnsTheFeelingAround() {
        assertThat(score("The app is good")).isPositive();
        assertThat(score("The app is not good")).isNegative();
        assertThat(score("The app isn't very good")).isNegative();
    }

    @Test
    void boostersAndDampenersChangeTheStrength() {
        assertThat(score("The service is extremely bad")).isLessThan(score("The service is bad"));
        assertThat(score("The service is slightly bad")).isGreaterThan(score("The service is bad"));
    }

    @Test
    void capitalsAndExclamationMarksAddEmphasis() {
        assertThat(score("The service is BAD")).isLessThan(score("The service is bad"));
        assertThat(score("The service is bad!!!")).isLessThan(score("The service is bad"));
        // A message written wholly in capitals is a habit, not emphasis.
        assertThat(score("THE SERVICE IS BAD")).isEqualTo(score("the service is bad"));
    }

    @Test
    void whatFollowsButWeighsMore() {
        assertThat(score("The agent was nice but the refund is terrible")).isNegative();
        assertThat(score("The wait was bad but the agent was wonderful")).isPositive();
    }

    @Test
    void emojiAndEmoticonsCarryFeeling() {
        assertThat(score("my parcel arrived 😡")).isNegative();
        assertThat(score("my parcel arrived👍")).isPositive();
        assertThat(score("my parcel arrived :(")).isNegative();
    }

    @Test
    void staysWithinMinusOneAndOneAndCopesWithEmptyText() {
        assertThat(score("great great great great great great great great great great!!!!")).isBetween(0.9, 1.0);
        assertThat(score("awful horrible terrible disgusting hate hate hate!!!!")).isBetween(-1.0, -0.9);
        assertThat(ANALYZER.analyze("   ")).isEqualTo(Sentiment.NEUTRAL);
        assertThat(ANALYZER.analyze(null)).isEqualTo(Sentiment.NEUTRAL);
    }

    @Test
    void rollingSentimentFollowsTheMoodAndShowsItsDirection() {
        RollingSentiment mood = RollingSentiment.NONE.next(Sentiment.of(0.6));
        assertThat(mood.trend()).isEqualTo(SentimentTrend.STEADY);
        assertThat(mood.value()).isEqualTo(0.6);
        RollingSentiment worse = mood.next(Sentiment.of(-0.8));
        assertThat(worse.trend()).isEqualTo(SentimentTrend.WORSENING);
        assertThat(worse.value()).isCloseTo(-0.1, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(worse.next(Sentiment.of(0.7)).trend()).isEqualTo(SentimentTrend.IMPROVING);
        assertThat(worse.next(Sentiment.of(-0.1)).trend()).isEqualTo(SentimentTrend.STEADY);
        assertThat(worse.messages()).isEqualTo(2);
    }

    @Test
    void theCustomerServiceReadingGivesRequestsGreetingsAndFillersNoValence() {
        SentimentAnalyzer service = ANALYZER.forCustomerService();

        assertThat(ANALYZER.analyze("Please help, I can't log in.").score()).isPositive();
        assertThat(service.analyze("Please help, I can't log in.").score()).isZero();
        assertThat(ANALYZER.analyze("Dear team, I would like to change my tariff. Thanks in advance.").score()).isPositive();
        assertThat(service.analyze("Dear team, I would like to change my tariff. Thanks in advance.").score()).isZero();
        assertThat(service.analyze("Good morning, kindly send me the form. Kind regards").score()).isZero();
        assertThat(service.analyze("yeah so ok the bill is wrong").score()).isNegative();
        // A negated request is dissatisfaction, and real feeling words keep their valence.
        assertThat(service.analyze("You are not helping at all.").score()).isNegative();
        assertThat(service.analyze("Thank you so much, you were very helpful!").score()).isGreaterThan(0.5);
        assertThat(service.analyze("I like the new app, it is great").score()).isPositive();
    }
}
