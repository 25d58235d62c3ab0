package io.omnicase.channels.email;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** Raw 8-bit headers: UTF-8 where the header block is UTF-8, one byte per character (Latin-1) where it is not. */
class MailsTest {

    @Test
    void aRawLatin1SubjectKeepsItsAccentsAndARawUtf8SubjectItsCharacters() throws Exception {
        // Mail probe of 5 December: "M\u00fcller r\u00e9clamation" sent as raw Latin-1 bytes was stored with U+FFFD.
        assertThat(Mails.parse(new ByteArrayInputStream(mail("Müller réclamation", StandardCharsets.ISO_8859_1))).getSubject())
                .isEqualTo("Müller réclamation");
        assertThat(Mails.parse(new ByteArrayInputStream(mail("Müller réclamation 😀 עברית", StandardCharsets.UTF_8))).getSubject())
                .isEqualTo("Müller réclamation 😀 עברית");
    }

    @Test
    void anEncodedSubjectCutInsideACharacterIsReadWhole() throws Exception {
        // Real-world set of session 49: a mailer cut "Re: 注文番号 JP-4471 の配送について" into two B words after 20 bytes,
        // inside "の". Decoded word by word it would read "\uFFFD\uFFFD" there and the reply would match no case's subject.
        byte[] utf8 = "Re: 注文番号 JP-4471 の配送について".getBytes(StandardCharsets.UTF_8);
        java.util.Base64.Encoder b64 = java.util.Base64.getEncoder();
        String split = "=?UTF-8?B?" + b64.encodeToString(java.util.Arrays.copyOf(utf8, 20)) + "?=\r\n =?UTF-8?B?"
                + b64.encodeToString(java.util.Arrays.copyOfRange(utf8, 20, utf8.length)) + "?=";
        assertThat(Mails.parse(new ByteArrayInputStream(mail(split, StandardCharsets.US_ASCII))).getSubject())
                .isEqualTo("Re: 注文番号 JP-4471 の配送について");
    }

    private static byte[] mail(String subject, Charset headers) throws Exception {
        ByteArrayOutputStream raw = new ByteArrayOutputStream();
        raw.write("From: ben@example.com\r\nTo: support@omnicase.example\r\nSubject: ".getBytes(StandardCharsets.US_ASCII));
        raw.write(subject.getBytes(headers));
        raw.write("\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nBody\r\n".getBytes(StandardCharsets.US_ASCII));
        return raw.toByteArray();
    }
}
