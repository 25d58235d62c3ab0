package io.omnicase.channels;

import io.omnicase.customers.Channel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What an agent reads under a reply that did not leave (walk 50: "sending by whatsapp is switched off ..."). */
class ReplyDispatcherReasonTest {

    @Test
    void aSwitchedOffChannelIsNamedAsPeopleWriteIt() {
        assertThat(ReplyDispatcher.notSentReason(Channel.WHATSAPP, true))
                .isEqualTo("sending by WhatsApp is switched off on this server (omnicase.channels settings): the reply did not leave");
        assertThat(ReplyDispatcher.notSentReason(Channel.SMS, true)).startsWith("sending by SMS is switched off");
        assertThat(ReplyDispatcher.notSentReason(Channel.MESSENGER, true)).startsWith("sending by Messenger is switched off");
        assertThat(ReplyDispatcher.notSentReason(Channel.CHAT, true)).startsWith("sending by web chat is switched off");
        assertThat(ReplyDispatcher.notSentReason(Channel.EMAIL, true)).startsWith("sending by email is switched off");
    }

    @Test
    void aCallTakesNoWrittenReply() {
        assertThat(ReplyDispatcher.notSentReason(Channel.VOICE, false))
                .isEqualTo("a voice conversation takes no written reply: reach the customer on another channel");
    }
}
