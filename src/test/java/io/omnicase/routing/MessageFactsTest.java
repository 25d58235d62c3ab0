package io.omnicase.routing;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** What a message is about, as routing reads it: money taken from an account is billing, not account settings. */
class MessageFactsTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "You took 29.90 EUR from my account after I cancelled. I want this money refunded.|BILLING",
            "Why did you take €30 from my account?|BILLING",
            "I was overcharged last month|BILLING",
            "Please change the address on my account|ACCOUNT",
            "The app crashes when I open it|TECHNICAL",
            "What are your opening hours|OTHER"})
    void readsTheTopic(String text, Topic topic) {
        assertThat(MessageFacts.topicOf(text)).isEqualTo(topic);
    }
}
