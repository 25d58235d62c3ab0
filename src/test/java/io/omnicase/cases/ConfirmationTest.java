package io.omnicase.cases;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/** A thank-you after a resolution is told from a message that brings the matter (or another one) back. */
class ConfirmationTest {

    @ParameterizedTest
    @ValueSource(strings = {"Thank you Alex, that was quick. All good now.", "Thanks!", "thx, works now",
            "Perfect, the refund arrived. Cheers", "Problem solved, many thanks to your team.", "Great, that did it.",
            "Danke, alles erledigt.", "You can close this, thank you very much 🙂", "Thanks, that worked! Printing again.",
            "Thank you, the app works fine again"})
    void aMessageThatOnlyThanksOrConfirms(String text) {
        assertThat(Confirmation.only(text)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"Thanks, but it is broken again.", "Thank you. Why was I charged twice?",
            "Thanks for nothing.", "Thanks, it still does not work", "Thanks, but it stopped printing again",
            "Thank you, it crashed again", "Thanks, I was charged again", "Thank you! I also have another question about my bill",
            "Thanks, can I speak to a person about the contract", "I want my money back", "Hello",
            "Thank you for the refund. Unfortunately the app crashes on start since the update and I cannot log in at all "
                    + "which means I cannot see my invoices or change my address or do anything else in the account",
            ""})
    void aMessageThatBringsSomethingBack(String text) {
        assertThat(Confirmation.only(text)).isFalse();
    }
}
