package io.omnicase.channels.messaging;

/**
 * A provider's message longer than any this channel sends (an SMS of 100,000 characters is no SMS): its first 20,000
 * characters are kept, as the message API's limit, with a note of the cut. Refusing it would make the provider retry
 * a whole batch of good messages with it, and nothing of it would reach an agent.
 */
final class LongText {

    static final int MAX = io.omnicase.cases.InboundMessage.MAX_TEXT;

    private LongText() {
    }

    static String capped(String text) {
        if (text == null || text.length() <= MAX) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(MAX - 1)) ? MAX - 1 : MAX;
        return text.substring(0, end) + "\n[… cut here: the message had " + text.length() + " characters; the first "
                + end + " are kept]";
    }
}
