package io.omnicase.customers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The same phone, however a channel writes it, is one identity in E.164: SMS, WhatsApp and voice find one customer. */
class PhoneIdentityTest {

    @Test
    void everyWayOfWritingOneNumberIsTheSameE164Identity() {
        assertThat(IdentityKind.PHONE.normalize("+49 171 1234567")).isEqualTo("+491711234567");
        assertThat(IdentityKind.PHONE.normalize("0049-171-1234567")).isEqualTo("+491711234567");
        // WhatsApp ids are the international number without the plus.
        assertThat(IdentityKind.PHONE.normalize("491711234567")).isEqualTo("+491711234567");
        assertThat(IdentityKind.PHONE.normalize("+49 (0)171 1234567")).isEqualTo("+491711234567");
        assertThat(IdentityKind.PHONE.normalize("+1 (415) 867-5309")).isEqualTo("+14158675309");
    }

    @Test
    void theSamePhoneOnSmsWhatsAppAndVoiceIsOneKindOfIdentity() {
        assertThat(Channel.SMS.identityKind()).isSameAs(Channel.WHATSAPP.identityKind()).isSameAs(Channel.VOICE.identityKind());
    }
}
