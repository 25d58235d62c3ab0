package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What a mail says about the conversation it belongs to: the Message-IDs it answers and a case token in the subject. */
final class MailThreading {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]++>");
    private static final Pattern CASE_TOKEN = Pattern.compile("\\[Case #(\\d{1,18})]", Pattern.CASE_INSENSITIVE);

    private MailThreading() {
    }

    /** The Message-IDs this mail refers to, most specific first: In-Reply-To, then References from the newest. */
    static List<String> references(MimeMessage mail) throws MessagingException {
        List<String> ids = new ArrayList<>(ids(MailClassifier.header(mail, "In-Reply-To")));
        List<String> references = ids(MailClassifier.header(mail, "References"));
        Collections.reverse(references);
        references.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    static Optional<Long> caseToken(String subject) {
        if (subject == null) {
            return Optional.empty();
        }
        Matcher m = CASE_TOKEN.matcher(subject);
        return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
    }

    static String token(long caseId) {
        return "[Case #" + caseId + "]";
    }

    static List<String> ids(String header) {
        List<String> ids = new ArrayList<>();
        Matcher m = MESSAGE_ID.matcher(header == null ? "" : header);
        while (m.find()) {
            ids.add(m.group());
        }
        return ids;
    }
}
