package io.omnicase.sentiment;

import io.omnicase.cases.PersonRequest;
import io.omnicase.routing.MessageFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * "Does the customer mean to leave?" is decided once, apart from "do they want a person?": routing reads both as
 * separate facts of the message.
 */
class ChurnIntentTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "If this is not fixed by Monday I will cancel my subscription.|true|false",
            "I'm switching to another provider.|true|false",
            "Please close my account, I'll take my business elsewhere.|true|false",
            "You have lost a customer.|true|false",
            "Never ordering from you again!|true|false",
            "I want to talk to a manager or I'm cancelling my contract|true|true",
            "I'm moving my mortgage to a lender that answers the phone.|true|false",
            "Quiero cambiar de operador.|true|false",
            "Ik ga mijn abonnement opzeggen.|true|false",
            "Je vais changer d'opérateur.|true|false",
            "I am furious and I will cancel and switch provider.|true|false",
            "Fix it by Friday or I will cancel|true|false",
            "Time to change banks.|true|false",
            // asking for the code that takes a mobile number or a TV contract to another company (UK: PAC, STAC)
            "Text me my PAC please, I've had enough.|true|false",
            "can i have the stac code|true|false",
            "We will not be renewing the support contract.|true|false",
            "How do I leave? Your signal is useless.|true|false",
            "Found a better deal elsewhere, so this is goodbye.|true|false",
            "I've already signed up with someone else.|true|false",
            "How do I get out of my contract early?|true|false",
            "The pack contains a code for the app.|false|false",
            "Where is the leave form for my staff account?|false|false",
            "I will cancel the order for the blue one and keep the red.|false|false",
            "I'm moving house to Leeds next month, new address to follow.|false|false",
            "Let me speak to a human|false|true",
            "Can I cancel my order from yesterday?|false|false",
            "The cancellation of my flight was confirmed, thanks|false|false",
            "How do I change my address?|false|false",
            "|false|false"})
    void routingReadsChurnIntentAndAskingForAPersonAsSeparateFacts(String text, boolean churn, boolean person) {
        assertThat(ChurnIntent.in(text)).isEqualTo(churn);
        MessageFacts facts = new MessageFacts(text, 0);
        assertThat(facts.isChurnIntent()).isEqualTo(churn);
        assertThat(facts.isAsksForPerson()).isEqualTo(person).isEqualTo(PersonRequest.in(text));
    }

    @Test
    void aHugeRepetitiveMessageIsReadInLinearTime() {
        String hostile = "cancel my ".repeat(200_000) + "contract";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(ChurnIntent.in(hostile)).isTrue());
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(ChurnIntent.in("cancel ".repeat(300_000))).isFalse());
    }
}
