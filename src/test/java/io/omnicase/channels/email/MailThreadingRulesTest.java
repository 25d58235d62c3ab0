package io.omnicase.channels.email;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The pieces of mail threading and machine-mail recognition, one rule at a time. */
class MailThreadingRulesTest {

    @Test
    void aSubjectLosesEveryReplyAndForwardPrefixOfManyLanguagesAndEveryListTag() {
        String base = "printer jams on every page";
        for (String subject : new String[]{"Printer jams on every page", "Re: Printer jams on every page",
                "RE: RE: Printer jams on every page", "Fwd: Re: Printer jams on every page", "FW: Printer jams on every page",
                "AW: WG: Printer jams on every page", "SV: VS: Printer jams on every page", "Antw: Printer jams on every page",
                "RV: RE: Printer jams on every page", "TR: Réf. : Printer jams on every page", "Réf : Printer jams on every page",
                "Re[2]: Printer jams on every page", "RE(3): Printer jams on every page", "[SD-123] Re: Printer jams on every page",
                "Re: [SD-123] Printer jams on every page", "Re: Printer jams on every page [Case #42]",
                "[EXTERNAL] AW: Printer  jams on every page", "Printer jams on every page (fwd)"}) {
            assertThat(MailThreading.normalizedSubject(subject)).as(subject).isEqualTo(base);
        }
        assertThat(MailThreading.isReplyOrForward("[SD-1] Re: Printer")).isTrue();
        assertThat(MailThreading.isReplyOrForward("Regarding the printer")).isFalse();
        assertThat(MailThreading.isReplyOrForward("Printer jams")).isFalse();
        assertThat(MailThreading.normalizedSubject("Request received: Invoice copy")).isEqualTo("request received: invoice copy");
        String hostile = "Re: ".repeat(10_000) + "[" + "x".repeat(20_000) + " Re:" + " ".repeat(20_000) + "AW";
        assertThat(org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(java.time.Duration.ofSeconds(1),
                () -> MailThreading.normalizedSubject(hostile))).startsWith("[xxx");
    }

    @Test
    void referenceNumbersAreWordsOfFiveDigitsOrMoreNotDatesAmountsPhonesOrYears() {
        assertThat(MailThreading.referenceNumbers("Votre colis 77812 a été livré le 3 décembre 2026 à 17:55"))
                .containsExactly("77812");
        assertThat(MailThreading.referenceNumbers("Order #4410923 shipped; invoice INV-20931 and ticket sd-123456"))
                .containsExactly("4410923", "INV-20931", "SD-123456");
        assertThat(MailThreading.referenceNumbers("Paid 249.00 EUR on 2026-12-03 (03/12/2026), call +44 20 7946 0018"))
                .isEmpty();
        assertThat(MailThreading.referenceNumbers("Warranty claim W-5521")).as("four digits say too little").isEmpty();
        assertThat(MailThreading.referenceNumbers(null)).isEmpty();
    }

    @Test
    void outlooksForwardIsReadFromItsHeaderBlockWhenTheSubjectSaysForward() {
        String text = "Voici la preuve de livraison.\n\n________________________________\nDe : Colissimo <noreply@colis.example.fr>\n"
                + "Envoyé : jeudi 3 décembre 2026 18:02\nÀ : elodie@free.example.fr\nObjet : Votre colis 77812 a été livré\n\nBonjour";
        assertThat(MailThreading.outlookForwarded(text)).contains(
                new MailThreading.Forwarded("noreply@colis.example.fr", "Votre colis 77812 a été livré", null));
        assertThat(MailThreading.outlookForwarded("No rule here.\nDe : x@y.example\n")).isEmpty();
        for (String forward : new String[]{"TR: Votre colis", "Fwd: Your parcel", "FW: order", "WG: Paket", "RV: pedido",
                "[EXTERNAL] Fw: x", "I: ordine", "Doorst: pakket"}) {
            assertThat(MailThreading.isForward(forward)).as(forward).isTrue();
        }
        for (String other : new String[]{"RE: Votre colis", "AW: Paket", "Tracking my parcel", "Information: x", null}) {
            assertThat(MailThreading.isForward(other)).as(String.valueOf(other)).isFalse();
        }
    }

    @Test
    void outlookRepliesShareTheConversationOfTheirThreadIndex() throws Exception {
        String first = "AdbC1f2Zk0X8j1hVQ8u3mHk1b2c3dA==";
        byte[] bytes = java.util.Base64.getDecoder().decode(first);
        byte[] reply = java.util.Arrays.copyOf(bytes, bytes.length + 5);
        reply[bytes.length] = 7;
        var a = MailThreading.outlookConversation(mail("Thread-Index: " + first + "\n"));
        var b = MailThreading.outlookConversation(mail("Thread-Index: " + java.util.Base64.getEncoder().encodeToString(reply) + "\n"));
        assertThat(a).isPresent().isEqualTo(b);
        assertThat(MailThreading.isOutlookReply(mail("Thread-Index: " + first + "\n"))).isFalse();
        assertThat(MailThreading.isOutlookReply(mail("Thread-Index: " + java.util.Base64.getEncoder().encodeToString(reply) + "\n")))
                .isTrue();
        assertThat(MailThreading.outlookConversation(mail("Thread-Index: not base64!\n"))).isEmpty();
        assertThat(MailThreading.outlookConversation(mail(""))).isEmpty();
    }

    @Test
    void anInlineForwardNamesTheForwardedMailsSenderAndSubject() {
        var gmail = MailThreading.forwarded("See below\n\n---------- Forwarded message ---------\nFrom: Anna <Anna@Example.com>\n"
                + "Date: Mon\nSubject: Can't log in\nTo: support@x.example\n\nbody");
        assertThat(gmail).hasValue(new MailThreading.Forwarded("anna@example.com", "Can't log in", null));
        var thunderbird = MailThreading.forwarded("x\n-------- Videresendt melding --------\nEmne: \tKontoen er sperret\n"
                + "Fra: \tHenrik <h@online.no>\n");
        assertThat(thunderbird).hasValue(new MailThreading.Forwarded("h@online.no", "Kontoen er sperret", null));
        assertThat(MailThreading.forwarded("Just a mail.\nFrom: nobody")).isEmpty();
    }

    @Test
    void everyCommonSignalOfAMachineIsRecognised() throws Exception {
        String[] automatic = {"Auto-Submitted: auto-replied\n", "Auto-Submitted: auto-generated\n", "Precedence: bulk\n",
                "Precedence: junk\n", "Precedence: list\n", "Precedence: auto_reply\n", "X-Autoreply: yes\n",
                "X-Autorespond: yes\n", "X-Auto-Response-Suppress: All\n", "List-Id: <users.lists.example>\n",
                "List-Unsubscribe: <mailto:leave@lists.example>\n", "Return-Path: <>\n"};
        for (String header : automatic) {
            assertThat(MailClassifier.classify(mail(header))).as(header).isEqualTo(MailKind.AUTO_REPLY);
            assertThat(MailClassifier.signal(mail(header))).as(header).isNotBlank();
        }
        for (String from : new String[]{"noreply@shop.example", "no-reply@shop.example", "donotreply@shop.example",
                "do-not-reply@shop.example", "noreply-servicedesk.x1@fjordtech.example"}) {
            assertThat(MailClassifier.classify(mail("", from))).as(from).isEqualTo(MailKind.AUTO_REPLY);
        }
        assertThat(MailClassifier.classify(mail("", "MAILER-DAEMON@mx.example"))).isEqualTo(MailKind.BOUNCE);
        assertThat(MailClassifier.classify(mail("Auto-Submitted: no\n"))).isEqualTo(MailKind.HUMAN);
        assertThat(MailClassifier.classify(mail("", "noreen@shop.example"))).isEqualTo(MailKind.HUMAN);
        assertThat(MailClassifier.signal(mail(""))).isNull();
    }

    private static jakarta.mail.internet.MimeMessage mail(String headers) throws Exception {
        return mail(headers, "ida@customer.example");
    }

    private static jakarta.mail.internet.MimeMessage mail(String headers, String from) throws Exception {
        String raw = "From: " + from + "\nTo: support@omnicase.test\nSubject: Printer\nMessage-ID: <1@x.example>\n" + headers
                + "MIME-Version: 1.0\nContent-Type: text/plain; charset=UTF-8\n\nHello\n";
        return Mails.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aQuotedReplyNamesItsCaseByOurTagOrOurSignatureAndNothingElse() {
        // Yahoo quotes without ">"; others with; Outlook quotes the subject with the tag.
        assertThat(MailThreading.quotedCaseNumbers("Please call me.\n\nOn Friday ... wrote:\n\nThank you.\n\n-- \nAdmin User\n"
                + "Omnicase Support, case #42\n")).containsExactly(42L);
        assertThat(MailThreading.quotedCaseNumbers("Call me.\n> -- \n> Omnicase Support, case #42\n")).containsExactly(42L);
        assertThat(MailThreading.quotedCaseNumbers("Call me.\nSubject: Re: Printer [Case #7]\n\n-- \nSupport, case #7\n"))
                .containsExactly(7L);
        // Words of the customer's own that merely mention a case number are no reference.
        assertThat(MailThreading.quotedCaseNumbers("About my other case #12, and the case #13 you closed.\n")).isEmpty();
        assertThat(MailThreading.quotedCaseNumbers(null)).isEmpty();
    }

    @Test
    void aForwardInAnotherLanguageNamesTheForwardedMailsSenderAndSubject() {
        assertThat(MailThreading.forwarded("""
                bei mir auch.

                ---------- Weitergeleitete Nachricht ---------
                Von: Sabine Krüger <s.krueger@stadtwerke.example>
                Date: Do., 3. Dez. 2026 um 08:14 Uhr
                Subject: Zugang gesperrt
                """)).contains(new MailThreading.Forwarded("s.krueger@stadtwerke.example", "Zugang gesperrt", null));
        assertThat(MailThreading.forwarded("""
                zie hieronder.

                Begin doorgestuurd bericht:

                Van: Jan <jan@bakkerij.example>
                Onderwerp: Factuur dubbel
                """)).contains(new MailThreading.Forwarded("jan@bakkerij.example", "Factuur dubbel", null));
    }

    @Test
    void freeMailUsersAreNoOrganisationWhateverTheirProvider() {
        for (String provider : new String[]{"foxmail.com", "yeah.net", "protonmail.ch", "duck.com", "bk.ru", "list.ru",
                "yandex.com.tr", "gmail.com", "hotmail.co.uk", "qq.com", "mail.de", "kakao.com", "yopmail.com"}) {
            org.assertj.core.api.Assertions.assertThat(MailDomains.sameOrganisation("mei@" + provider, "mallory@" + provider))
                    .as(provider).isFalse();
        }
        org.assertj.core.api.Assertions.assertThat(MailDomains.sameOrganisation("peter@stadtwerke-nord.example",
                "kerstin@stadtwerke-nord.example")).isTrue();
    }
}
