package io.omnicase.assistant.internal;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** A resolved case's reply, learned as an answer for other customers, names nobody. */
class ImpersonalTest {

    @Test
    void theCustomersNameGreetingAndSignOffGo() {
        assertThat(Impersonal.answer("I'm sorry to hear that, Ben. I will make sure the second payment is refunded today.",
                List.of("Ben Ortiz"))).isEqualTo("I'm sorry to hear that. I will make sure the second payment is refunded today.");
        assertThat(Impersonal.answer("Hello Rita, I am sorry about that. I will send you a corrected invoice today.",
                List.of("Rita Example"))).isEqualTo("I am sorry about that. I will send you a corrected invoice today.");
        assertThat(Impersonal.answer("Dear Mrs Novak,\n\nyour router is replaced free of charge.\n\nKind regards,\nAlex",
                List.of("Eva Novak"))).isEqualTo("Your router is replaced free of charge.");
        assertThat(Impersonal.answer("Ben, the refund is on its way.", List.of("Ben"))).isEqualTo("The refund is on its way.");
    }

    @Test
    void aReplyWithoutNamesStaysAsItIs() {
        String plain = "Restart the router, wait two minutes, then sign in again.";
        assertThat(Impersonal.answer(plain, List.of("Jonas Weber"))).isEqualTo(plain);
        // A name that is also a word in the answer is not a reason to cut a one-letter or empty name.
        assertThat(Impersonal.answer("Use plan A for this.", List.of("A"))).isEqualTo("Use plan A for this.");
        assertThat(Impersonal.answer("Hi!", List.of())).isEqualTo("Hi!");
    }
}
