package io.omnicase.routing.facts;

/** The channel a case came in on, as the routing rules name it. */
public enum Channel {
    EMAIL, CHAT, WHATSAPP, SMS, MESSENGER, VOICE
}
