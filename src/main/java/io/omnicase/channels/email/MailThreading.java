package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a mail says about the conversation it belongs to: the Message-IDs it answers, a case token in the subject,
 * Outlook's conversation index, the subject without reply and forward prefixes, and the mail it forwards.
 */
final class MailThreading {

    private static final Pattern MESSAGE_ID = Pattern.compile("<[^<>\\s]++>");
    private static final Pattern CASE_TOKEN = Pattern.compile("\\[Case #(\\d{1,18})]", Pattern.CASE_INSENSITIVE);

    /**
     * Reply and forward prefixes of many languages and clients: Re, Fwd, Fw, AW/WG (German), SV/VS/VB/VL (Nordic),
     * Antw (Dutch, German), RV (Spanish), TR and Réf (French), RIF/I (Italian), Odp/PD (Polish), with a counter
     * ("Re[2]:", "RE(3):") and full-width colons.
     */
    private static final String PREFIX_WORD = "\\s*+(?:re|fwd?|aw|wg|sv|vs|vb|vl|antw|antwort|rv|tr|r[ée]f|ref|rif|i|odp|pd|enc|res|doorst|ynt)"
            + "\\.?\\s*+(?:\\[\\d{1,4}]|\\(\\d{1,4}\\))?\\s*+[:：]";
    private static final Pattern PREFIX = Pattern.compile("^" + PREFIX_WORD, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Any number of prefixes at once, in one linear pass (a subject of 10,000 "Re: " must not take quadratic time). */
    private static final Pattern PREFIXES = Pattern.compile("^(?:" + PREFIX_WORD + ")++\\s*+",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** A list or ticket tag in brackets ("[SD-123]", "[support]", "[EXTERNAL]"), the case token included. */
    private static final Pattern TAG = Pattern.compile("\\[[^\\[\\]]{1,40}]");
    /** A "(fwd)" mark some clients put at the end of a forwarded subject. */
    private static final Pattern FWD_SUFFIX = Pattern.compile("\\((?:fwd|fw)\\)\\s*+$", Pattern.CASE_INSENSITIVE);
    /** Outlook's Thread-Index: 22 bytes (a time and a GUID) name the conversation, each reply appends 5. */
    private static final int THREAD_INDEX_HEADER_BYTES = 22;
    private static final Pattern FORWARD_START = Pattern.compile(
            "^[ \\t]*+(?:-{2,}[ \\t]*+(?:Forwarded message|Weitergeleitete Nachricht|Original Message|Ursprüngliche Nachricht|"
                    + "Message transféré|Mensaje reenviado|Videresendt melding|Vidarebefordrat meddelande|Mensaje original)"
                    + "[ \\t]*+-{2,}|Begin forwarded message:|Anfang der weitergeleiteten Nachricht:|Début du message réexpédié :?)[ \\t]*+$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
    private static final Pattern FORWARDED_FIELD = Pattern.compile(
            "^[ \\t]*+\\*?(From|Von|De|Van|Da|Fra|Från|Subject|Betreff|Objet|Asunto|Onderwerp|Oggetto|Assunto|Emne|Ämne|Message-ID)\\*?[ \\t]*+:\\*?[ \\t]*+(.{1,300})$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE | Pattern.UNICODE_CASE);
    private static final Pattern ADDRESS = Pattern.compile("[^\\s<>\"'()\\[\\],;:@]++@[^\\s<>\"'()\\[\\],;:@]++");

    private MailThreading() {
    }

    /** Whether the subject starts with a reply or forward prefix: the sender's client says it continues a mail. */
    /** A forward's prefix, in the words of common clients (Fwd, FW, WG, TR, RV, VS, I, Enc, Doorst, PD, VB, VL, YNT). */
    private static final Pattern FORWARD_PREFIX = Pattern.compile(
            "^\\s*+(?:fwd?|wg|tr|rv|vs|vb|vl|i|enc|doorst|pd|ynt)\\s*+(?:\\[\\d{1,3}]|\\(\\d{1,3}\\))?\\s*+[:：]",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    /** Outlook's rule above a quoted or forwarded mail's header block. */
    private static final Pattern OUTLOOK_RULE = Pattern.compile("^[ \\t]*+_{10,}[ \\t]*+$", Pattern.MULTILINE);

    /** Whether the subject says the mail is a forward ("Fwd:", "TR:", "WG:", list or ticket tags before it allowed). */
    static boolean isForward(String subject) {
        return subject != null && FORWARD_PREFIX.matcher(TAG.matcher(subject).replaceAll(" ")).find();
    }

    /**
     * The mail Outlook forwarded in this text: its header block under Outlook's rule ("____" then "De : ... Objet :
     * ..."), which Outlook writes for a reply's quote as well: only for a mail whose subject says it is a forward.
     */
    static Optional<Forwarded> outlookForwarded(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher rule = OUTLOOK_RULE.matcher(text);
        return rule.find() ? fields(text.substring(rule.end(), Math.min(text.length(), rule.end() + 2000))) : Optional.empty();
    }

    static boolean isReplyOrForward(String subject) {
        return subject != null && PREFIX.matcher(TAG.matcher(subject).replaceAll(" ")).find();
    }

    /**
     * The subject as a conversation's name: every reply and forward prefix, list or ticket tag and the case token
     * removed, white space collapsed, lower case. Empty for an empty subject.
     */
    static String normalizedSubject(String subject) {
        if (subject == null) {
            return "";
        }
        String s = TAG.matcher(subject).replaceAll(" ");
        s = PREFIXES.matcher(s).replaceFirst("");
        s = FWD_SUFFIX.matcher(s).replaceFirst("");
        return s.replaceAll("\\s++", " ").strip().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Outlook's conversation: the first 22 bytes of Thread-Index, shared by every mail of one conversation, as a
     * thread reference; empty when the mail has no readable index.
     */
    static Optional<String> outlookConversation(MimeMessage mail) throws MessagingException {
        String index = MailClassifier.header(mail, "Thread-Index").replaceAll("\\s", "");
        if (index.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] bytes = java.util.Base64.getDecoder().decode(index);
            if (bytes.length < THREAD_INDEX_HEADER_BYTES) {
                return Optional.empty();
            }
            return Optional.of("outlook:" + java.util.HexFormat.of().formatHex(bytes, 0, THREAD_INDEX_HEADER_BYTES));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** Whether Outlook marks the mail as a reply or forward: its Thread-Index has blocks beyond the conversation's. */
    static boolean isOutlookReply(MimeMessage mail) throws MessagingException {
        String index = MailClassifier.header(mail, "Thread-Index").replaceAll("\\s", "");
        try {
            return !index.isEmpty() && java.util.Base64.getDecoder().decode(index).length > THREAD_INDEX_HEADER_BYTES;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** What a forwarded mail quoted in the body says of itself: its sender, subject and Message-ID, where given. */
    record Forwarded(String from, String subject, String messageId) {
    }

    /** A word of letters, digits and joiners ("-", "/", "#") that holds five digits or more. */
    private static final Pattern REFERENCE_WORD = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}#/-]*[\\p{L}\\p{N}]|\\p{N}");
    /** A date (2026-12-03, 03/12/2026, 3.12.2026): many digits, no reference. */
    private static final Pattern DATE = Pattern.compile("\\d{4}[-/.]\\d{1,2}[-/.]\\d{1,2}|\\d{1,2}[-/.]\\d{1,2}[-/.]\\d{2,4}");

    /**
     * The reference numbers a text names: its words of five digits or more (an order, parcel, invoice or ticket number:
     * 77812, INV-20931, 4410923), dates and numbers with a decimal part aside, upper-cased. Shorter numbers (years,
     * times, amounts) say too little to join mail by.
     */
    static java.util.Set<String> referenceNumbers(String text) {
        java.util.Set<String> found = new java.util.LinkedHashSet<>();
        if (text == null) {
            return found;
        }
        Matcher word = REFERENCE_WORD.matcher(text);
        while (word.find()) {
            String candidate = word.group();
            if (candidate.chars().filter(Character::isDigit).count() >= 5 && !DATE.matcher(candidate).matches()) {
                found.add(candidate.toUpperCase(java.util.Locale.ROOT));
            }
        }
        return found;
    }

    /** The first mail forwarded inline in this text (Gmail, Outlook, Apple Mail, Thunderbird forward blocks). */
    static Optional<Forwarded> forwarded(String text) {
        if (text == null) {
            return Optional.empty();
        }
        Matcher start = FORWARD_START.matcher(text);
        if (!start.find()) {
            start = MailText.FORWARD_HEADER.matcher(text);
            if (!start.find()) {
                return Optional.empty();
            }
        }
        return fields(text.substring(start.end(), Math.min(text.length(), start.end() + 2000)));
    }

    /** The sender, subject and Message-ID named by the header lines of a forwarded block. */
    private static Optional<Forwarded> fields(String block) {
        String from = null;
        String subject = null;
        String messageId = null;
        Matcher field = FORWARDED_FIELD.matcher(block);
        while (field.find()) {
            String name = field.group(1).toLowerCase(java.util.Locale.ROOT);
            String value = field.group(2).strip();
            if (name.equals("message-id")) {
                messageId = messageId == null ? ids(value).stream().findFirst().orElse(null) : messageId;
            } else if (name.equals("subject") || name.equals("betreff") || name.equals("objet") || name.equals("asunto")
                    || name.equals("emne") || name.equals("ämne") || name.equals("onderwerp") || name.equals("oggetto")
                    || name.equals("assunto")) {
                subject = subject == null ? value : subject;
            } else if (from == null) {
                Matcher address = ADDRESS.matcher(value);
                from = address.find() ? address.group().toLowerCase(java.util.Locale.ROOT) : null;
            }
        }
        return from == null && subject == null && messageId == null ? Optional.empty()
                : Optional.of(new Forwarded(from, subject, messageId));
    }

    /** The Message-IDs this mail refers to, most specific first: In-Reply-To, then References from the newest. */
    static List<String> references(MimeMessage mail) throws MessagingException {
        List<String> ids = new ArrayList<>(ids(MailClassifier.header(mail, "In-Reply-To")));
        List<String> references = ids(MailClassifier.header(mail, "References"));
        Collections.reverse(references);
        references.stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        return ids;
    }

    /** Our case tag, or the line our replies are signed with ("Omnicase Support, case #12"), quoted or not. */
    private static final Pattern QUOTED_CASE = Pattern.compile(
            "\\[Case #(\\d{1,18})]|^[ \\t>]*+[^\\n,]{1,80}, case #(\\d{1,18})[ \\t]*+$",
            Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);

    /** The case numbers a mail's text names by our tag or our replies' signature, in order, at most five. */
    static List<Long> quotedCaseNumbers(String text) {
        List<Long> found = new ArrayList<>();
        Matcher m = QUOTED_CASE.matcher(text == null ? "" : text);
        while (m.find() && found.size() < 5) {
            long number = Long.parseLong(m.group(1) != null ? m.group(1) : m.group(2));
            if (!found.contains(number)) {
                found.add(number);
            }
        }
        return found;
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
