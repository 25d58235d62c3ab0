package io.omnicase.cases;

import io.omnicase.assistant.CustomerReply;
import io.omnicase.routing.MessageFacts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** "Does the customer want a person?" is decided once: routing's fact and the assistant's reading of a reply agree. */
class PersonRequestTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Please let me talk to a real person|true",
            "Can I speak with an agent?|true",
            "This did not help, get me a HUMAN|true",
            "I'd like to talk to someone about my bill|true",
            "Is there a representative I can reach?|true",
            "Just call me, please|true",
            "My router drops the wifi since the firmware update. I need a technician please.|true",
            "Can you send an engineer?|true",
            "Please have someone from your billing team send us a corrected invoice.|true",
            "Could somebody from the accounts team look at this?|true",
            "Is there someone who can fix my contract?|true",
            "Please contact me before Friday|true",
            "Someone from your company phoned me yesterday|false",
            "I have someone else's parcel here|false",
            "Did I get someone else's order?|false",
            "Can you have somebody call me back?|true",
            "I have some invoices missing|false",
            "Someone used my card for a purchase|false",
            "We contacted our bank about it|false",
            "The technician fixed it last week|false",
            "Someone charged my card twice|false",
            "The humanities course will not load|false",
            "How do I change my address?|false",
            "|false"})
    void routingAndTheAssistantReadARequestForAPersonAlike(String text, boolean asksForPerson) {
        assertThat(PersonRequest.in(text)).isEqualTo(asksForPerson);
        assertThat(new MessageFacts(text, 0).isAsksForPerson()).isEqualTo(asksForPerson);
        assertThat(CustomerReply.of(text) == CustomerReply.WANTS_PERSON).isEqualTo(asksForPerson);
    }

    @Test
    void aHugeRepetitiveMessageIsReadInLinearTime() {
        String hostile = "talk to ".repeat(200_000) + "a real person";
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(PersonRequest.in(hostile)).isTrue());
        assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThat(PersonRequest.in("speak ".repeat(300_000))).isFalse());
    }
}
