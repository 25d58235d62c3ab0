package io.omnicase.channels.email;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reply mail names who wrote it (walk 47 F8), and the customer's answer that quotes the signed reply keeps only the
 * customer's words: the signature never comes back as something the customer said.
 */
class MailSignatureTest {

    private static final String SIGNED = MailSignature.signed("The rollback to firmware 2.3 clears E-42.\n", "Toni Tech",
            false, "Omnicase Support", 10);

    @Test
    void anAgentsReplyIsSignedWithTheirNameTheTeamAndTheCase() {
        assertThat(SIGNED).isEqualTo("""
                The rollback to firmware 2.3 clears E-42.

                --\s
                Toni Tech
                Omnicase Support, case #10
                """);
    }

    @Test
    void theAssistantsAnswerSaysItIsAutomaticAndNamesNoPerson() {
        String signed = MailSignature.signed("Go to Account → Billing.", "Alex Agent", true, "Omnicase Support", 7);

        assertThat(signed).endsWith("-- \nOmnicase Support, case #7\n" + MailSignature.AUTOMATIC + "\n")
                .doesNotContain("Alex Agent");
    }

    @Test
    void anAccountWithoutADisplayNameSignsWithTheTeamAlone() {
        assertThat(MailSignature.signed("Done.", " ", false, "Omnicase Support", 3))
                .isEqualTo("Done.\n\n-- \nOmnicase Support, case #3\n");
    }

    @Test
    void theCustomersAnswerQuotingTheSignedReplyKeepsOnlyTheirWords() {
        String quoted = SIGNED.lines().map(l -> "> " + l).reduce((a, b) -> a + "\n" + b).orElseThrow();
        String bottomQuoted = "On Sat, Dec 5, 2026 at 10:40 AM Omnicase Support <support@omnicase.local> wrote:\n"
                + quoted + "\n\nThanks, the rollback worked.\n";
        String topPosted = "Thanks, the rollback worked.\n\nOn Sat, Dec 5, 2026 at 10:40 AM Omnicase Support "
                + "<support@omnicase.local> wrote:\n" + quoted + "\n";
        String outlook = "Thanks, the rollback worked.\n\n________________________________\nFrom: Omnicase Support "
                + "<support@omnicase.local>\nSent: Saturday, December 5, 2026 10:40\nTo: Petra Paulsen\nSubject: Re: Printer "
                + "shows error E-42 [Case #10]\n\n" + SIGNED;

        for (String answer : new String[] {bottomQuoted, topPosted, outlook}) {
            assertThat(MailText.foldQuotes(answer)).as(answer).isEqualTo("Thanks, the rollback worked.");
        }
    }
}
