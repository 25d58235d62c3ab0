package io.omnicase.assistant;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/** How the assistant reads a customer's reply in the self-service loop. */
class CustomerReplyTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Thanks, that solved it!|CONFIRMS",
            "yes it works now|CONFIRMS",
            "Perfect, thank you|CONFIRMS",
            "I want to talk to a real person|WANTS_PERSON",
            "This did not help, get me a human|WANTS_PERSON",
            "Can I speak with an agent?|WANTS_PERSON",
            "Thanks, but the link is still not arriving|OTHER",
            "ok but how do I change the card?|OTHER",
            "How do I download my invoice?|OTHER"})
    void readsConfirmationsRequestsForAPersonAndEverythingElse(String text, CustomerReply expected) {
        assertThat(CustomerReply.of(text)).isEqualTo(expected);
    }
}
