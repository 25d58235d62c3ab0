package io.omnicase.channels.email;

import io.omnicase.cases.CaseStatus;
import io.omnicase.cases.CaseView;
import io.omnicase.customers.Channel;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingSupplier;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Mail that an attacker shapes to make a regular expression backtrack (long runs of spaces, reply prefixes, quote markers,
 * angle brackets, path-less file names) is read in linear time: each input is done well within the limit, where a
 * backtracking pattern took minutes.
 */
class AdversarialMailInputTest {

    private static final Duration LIMIT = Duration.ofSeconds(3);
    private static final String SPACES = " ".repeat(100_000);

    @Test
    void aLineOfSpacesEndingInALineSeparatorIsNoQuoteHeader() {
        // "From: " + spaces + CR + x once backtracked quadratically in the quote header's ".+\s*$" tail.
        String folded = within(() -> MailText.foldQuotes("Hello\nFrom: " + SPACES + "\rx\nbye"));

        assertThat(folded).startsWith("Hello\nFrom: ").endsWith("bye");
    }

    @Test
    void longRunsOfSpacesAndQuoteMarkersInHtmlAndTextAreFolded() {
        String html = within(() -> MailText.htmlToText("<p>Hi" + "<i> </i>".repeat(20_000) + "x</p><p>there</p>"));
        String quoted = within(() -> MailText.foldQuotes("Thanks\n" + ">".repeat(100_000) + "\n" + "> > ".repeat(25_000)));
        String headerLike = within(() -> MailText.foldQuotes("Hi\n" + "Am ".repeat(30_000) + "\n" + "On wrote:".repeat(10_000)));

        assertThat(html).startsWith("Hi ").endsWith(" x\nthere");
        assertThat(quoted).isEqualTo("Thanks");
        assertThat(headerLike).startsWith("Hi");
    }

    @Test
    void aSubjectOfManyReplyPrefixesLosesThemQuickly() {
        CaseView view = new CaseView(42, 1, CaseStatus.NEW, "Re: ".repeat(50_000) + "AW:" + SPACES + "Printer", Channel.EMAIL,
                null, null, 0, Instant.now(), Instant.now(), null, null, null);

        String subject = within(() -> EmailSender.subject(view));

        assertThat(subject).isEqualTo("Re: Printer [Case #42]");
    }

    @Test
    void headersFullOfBracketsAndAtSignsAreReadQuickly() throws Exception {
        String references = "<" + "a".repeat(20_000) + " " + "<".repeat(20_000) + "<a@a@a" + "@a".repeat(20_000);
        MimeMessage mail = mail("From: " + "a@a".repeat(10_000) + "\r\nIn-Reply-To: " + references + "\r\nReferences: " + references
                + "\r\nSubject: " + "Re: ".repeat(10_000) + "[Case #" + "9".repeat(20_000) + "\r\nReturn-Path: <" + " ".repeat(20_000)
                + ">\r\nPrecedence: " + " ".repeat(20_000) + "\r\n\r\nhello\r\n");

        assertThat(within(() -> MailThreading.references(mail))).isEmpty();
        assertThat(within(() -> MailThreading.caseToken(mail.getSubject()))).isEmpty();
        assertThat(within(() -> MailClassifier.classify(mail))).isEqualTo(MailKind.HUMAN);
    }

    @Test
    void aDeliveryReportOfBlankLinesAndSpacesIsReadQuickly() throws Exception {
        String report = "Reporting-MTA: dns; mx.example\n" + "\n ".repeat(50_000) + "Status" + SPACES + "\n"
                + "Final-Recipient: rfc822; gone@example.com\nAction: failed\nStatus:" + SPACES + "5.1.1\n";
        MimeMessage mail = mail("From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered\r\nMIME-Version: 1.0\r\n"
                + "Content-Type: multipart/report; report-type=delivery-status; boundary=b\r\n\r\n--b\r\n"
                + "Content-Type: text/plain\r\n\r\nfailed\r\n--b\r\nContent-Type: message/delivery-status\r\n\r\n"
                + report.replace("\n", "\r\n") + "\r\n--b--\r\n");

        var failed = within(() -> DeliveryReport.failedRecipients(mail));

        assertThat(failed).extracting(DeliveryReport.FailedRecipient::address).containsExactly("gone@example.com");
    }

    private static MimeMessage mail(String raw) throws Exception {
        return Mails.parse(new ByteArrayInputStream(raw.getBytes(StandardCharsets.UTF_8)));
    }

    private static <T> T within(ThrowingSupplier<T> work) {
        return assertTimeoutPreemptively(LIMIT, work);
    }
}
