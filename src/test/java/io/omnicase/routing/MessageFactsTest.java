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
            "What are your opening hours|OTHER",
            // Walk 46: a first message about a device had no technical word and went to the general queue.
            "Hello, my router keeps dropping the wifi connection every evening since the firmware update.|TECHNICAL",
            "My printer prints blank pages|TECHNICAL",
            "My internet bill is too high|BILLING",
            "Please change the email address on my account, my old one is offline|ACCOUNT",
            // Walk 47: one billing word in a device problem sent it to billing, as a billing dispute ("twice").
            "Hello, since yesterday's firmware update my office printer (model P-300) shows error E-42 and won't print anything. I have restarted it twice. We need it for invoices today.|TECHNICAL",
            "The app crashes and the login fails since I paid|TECHNICAL",
            "I was charged twice for the printer|BILLING",
            "The app charges me twice|BILLING",
            // Walk 48: a locked account tied technical (password, log in) with account, and ties go technical.
            "Hi, I changed my password yesterday and now I cannot log in, it says my account is locked.|ACCOUNT",
            "I am locked out, please unlock me|ACCOUNT"})
    void readsTheTopic(String text, Topic topic) {
        assertThat(MessageFacts.topicOf(text)).isEqualTo(topic);
    }

    /** A case's later message is read beside what the case was about (walk 42: a printer case went to billing). */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "This is ridiculous, the printer is useless and I'm losing money every day. Fix it now!|TECHNICAL|TECHNICAL",
            "I want to talk to a real person please.|TECHNICAL|TECHNICAL",
            "Any news?|BILLING|BILLING",
            "Also, I was charged twice for the repair|TECHNICAL|BILLING",
            "Never mind the app. I was charged twice for my subscription this month!|TECHNICAL|BILLING",
            "This is ridiculous, the printer is useless and I'm losing money every day. Fix it now!||BILLING",
            "I want to talk to a real person please.||OTHER"})
    void readsALaterMessageBesideTheCasesTopic(String text, Topic caseTopic, Topic topic) {
        assertThat(MessageFacts.topicOf(text, caseTopic)).isEqualTo(topic);
    }

    /**
     * Walk 47: a supervisor added "still charged, charged again, money back" to "A billing dispute is escalated"; each
     * word counted on its own, so "Please call me back" and "I was charged for the upgrade" escalated as disputes.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "I cancelled, you charged me again and I want my money back|dispute, still charged, charged again, money back|true",
            "Please call me back about my invoice|dispute, still charged, charged again, money back|false",
            "I was charged for the upgrade, thanks|dispute, still charged, charged again, money back|false",
            "I was STILL   charged after I cancelled|dispute, still charged, charged again, money back|true",
            "This went wrong|dispute, wrong, twice|true",
            "I was charged twice|dispute wrong twice|true",
            "I was charged once|dispute wrong twice|false"})
    void aRuleWordListReadsAnEntryOfSeveralWordsAsAPhrase(String text, String words, boolean mentioned) {
        assertThat(new MessageFacts(text, 0).mentionsAnyOf(words)).isEqualTo(mentioned);
    }
}
