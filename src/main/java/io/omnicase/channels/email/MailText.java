package io.omnicase.channels.email;

import jakarta.mail.BodyPart;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.ContentType;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.internet.ParseException;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The words a customer wrote in a mail, as plain text for the timeline: the text part, or the HTML part reduced to
 * text (so no markup, let alone script, ever reaches an agent's browser), with the quoted history folded away.
 */
final class MailText {

    private static final Set<String> BLOCKS = Set.of("p", "div", "br", "li", "tr", "h1", "h2", "h3", "h4", "h5", "h6",
            "blockquote", "pre", "table", "ul", "ol", "hr");
    /**
     * The attribution line above a quoted reply, in the languages of common mail clients ("On … wrote:", "Am …
     * schrieb …:", "Le … a écrit :", "El … escribió:", "Op … schreef …:", …). Matched only against a stripped line of
     * at most {@link #MAX_ATTRIBUTION} characters that ends in a colon and holds a digit (a date or a time), so "On
     * Monday I wrote to you" stays text. Every repetition is bounded, so no line makes it backtrack for long.
     */
    private static final Pattern ATTRIBUTION = Pattern.compile(
            "^>? ?(?:On|Am|Le|El|Em|Il giorno|Il|Op|Den|W dniu|Dne|På|Kello) .{3,300}?"
                    + "(?:(?:wrote|a écrit|escribió|escreveu|ha scritto|napisał\\(a\\)|napisał|napisała|napsal|kirjoitti) ?"
                    + "|(?:schrieb|schreef|skrev) .{1,200}|het volgende geschreven ?):$", Pattern.CASE_INSENSITIVE);
    private static final int MAX_ATTRIBUTION = 600;
    /** The first word of an attribution, where a wrapped one may start. */
    private static final Pattern ATTRIBUTION_START = Pattern.compile(
            "^>? ?(?:On|Am|Le|El|Em|Il|Op|Den|W dniu|Dne|På|Kello) .*", Pattern.CASE_INSENSITIVE);
    /** Rules that start a quoted or forwarded original in Outlook and others. */
    private static final Pattern SEPARATOR = Pattern.compile("^(?:-{2,} ?(?:Original Message|Ursprüngliche Nachricht"
            + "|Message d'origine|Mensaje original|Oorspronkelijk bericht|Messaggio originale|Mensagem original"
            + "|Ursprungligt meddelande) ?-{2,}|_{10,})$", Pattern.CASE_INSENSITIVE);
    /** The sender line of a header block (Outlook in several languages; French puts a space before the colon). */
    private static final Pattern HEADER_FROM = Pattern.compile(
            "^(?:From|Von|De|Van|Da|Från|Fra|Od|Lähettäjä|Kimden|差出人|发件人|寄件者|보낸 사람) ?[:：] ?\\S.*", Pattern.CASE_INSENSITIVE);
    /** The other lines of such a block. */
    private static final Pattern HEADER_FIELD = Pattern.compile("^(?:Sent|Date|To|Cc|Subject|Gesendet|Datum|An|Betreff"
            + "|Envoyé|À|Objet|Enviado(?: el)?|Fecha|Para|Asunto|Verzonden|Aan|Onderwerp|Inviato|Data|A|Oggetto"
            + "|Skickat|Till|Ämne|Sendt|Til|Emne|Wysłano|Do|Temat|送信日時|宛先|件名|发送时间|收件人|主题|抄送|寄件日期|收件者|主旨"
            + "|보낸 날짜|받는 사람|제목) ?[:：] ?.*", Pattern.CASE_INSENSITIVE);
    /**
     * The line above a forwarded mail: Gmail's and Thunderbird's rule with words in it, Apple Mail's sentence, in the
     * languages of common clients ("---------- Weitergeleitete Nachricht ---------", "Début du message réexpédié :").
     */
    static final Pattern FORWARD_HEADER = Pattern.compile("^-{2,} ?(?:Forwarded message|Forwarded Message|Weitergeleitete Nachricht"
            + "|Message transféré|Mensaje reenviado|Doorgestuurd bericht|Doorgestuurd e-mailbericht|Messaggio inoltrato"
            + "|Mensagem encaminhada|Videresendt melding|Videresendt meddelelse|Vidarebefordrat meddelande|Välitetty viesti"
            + "|Wiadomość przekazana dalej|Přeposlaná zpráva|転送されたメッセージ|转发的邮件) ?-{2,}$"
            + "|^(?:Begin forwarded message|Anfang der weitergeleiteten Nachricht|Début du message réexpédié|Inicio del mensaje reenviado"
            + "|Begin doorgestuurd bericht|Inizio messaggio inoltrato|Início da mensagem reencaminhada|Vidarebefordrat brev) ?[:：]$",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.MULTILINE);
    /** A phone's or app's line under a message: not something the customer said. */
    private static final Pattern SENT_FROM = Pattern.compile("^(?:Sent from my .{1,60}|Sent from (?:Mail|Outlook|Yahoo Mail)"
            + "(?: for .{1,40})?|Get Outlook for (?:iOS|Android)|Von meinem .{1,60} gesendet|Envoyé de mon .{1,60}"
            + "|Enviado desde mi .{1,60}|Enviado do meu .{1,60}|Verzonden (?:vanaf|met) (?:mijn )?.{1,60}|Inviato da .{1,60}"
            + "|Skickat från min .{1,60})$", Pattern.CASE_INSENSITIVE);
    /** The signature delimiter "-- " (RFC 3676), stripped. */
    private static final String SIGNATURE = "--";

    private static final Charset WINDOWS_1252 = Charset.forName("windows-1252");

    private MailText() {
    }

    /** The new text of the mail, quoted history removed; empty when the mail has no readable text. */
    static String of(Part mail) throws MessagingException, IOException {
        String plain = firstPart(mail, "text/plain");
        String text = plain != null ? plain : htmlToText(firstPartOrEmpty(mail, "text/html"));
        if (text.isBlank()) {
            // An invitation sent as a calendar alone showed "(no text)" (mail probe of 5 December).
            text = invitation(firstPartOrEmpty(mail, "text/calendar"));
        }
        return foldQuotes(text);
    }

    /** A calendar's first event in words: "Invitation: <summary>, starts <start>, at <location>"; empty without one. */
    static String invitation(String calendar) {
        String summary = null;
        String start = null;
        String location = null;
        // Folded lines (RFC 5545, 3.1) continue after a line break and one space or tab.
        for (String line : calendar.replaceAll("\r?\n[ \t]", "").split("\r?\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).split(";", 2)[0].strip() : "";
            String value = line.contains(":") ? line.substring(line.indexOf(':') + 1).strip() : "";
            if (summary == null && "SUMMARY".equalsIgnoreCase(name)) {
                summary = value.replace("\\,", ",").replace("\\;", ";").replace("\\n", " ");
            } else if (start == null && "DTSTART".equalsIgnoreCase(name)) {
                start = value;
            } else if (location == null && "LOCATION".equalsIgnoreCase(name) && !value.isEmpty()) {
                location = value.replace("\\,", ",").replace("\\;", ";");
            }
        }
        if (summary == null && start == null) {
            return "";
        }
        return "Invitation: " + (summary == null ? "(no title)" : summary) + (start == null ? "" : ", starts " + start)
                + (location == null ? "" : ", at " + location);
    }

    /**
     * The whole text of the mail with its quoted history and forwarded blocks left in (the text part, else the HTML
     * part's text), at most 100,000 characters: where threading looks for a forwarded mail's headers.
     */
    static String whole(Part mail) throws MessagingException, IOException {
        String plain = firstPart(mail, "text/plain");
        String text = plain != null ? plain : Jsoup.parse(firstPartOrEmpty(mail, "text/html")).wholeText();
        return text.length() <= 100_000 ? text : text.substring(0, 100_000);
    }

    /** HTML as the text a reader sees: block elements become line breaks, quoted blocks and active content go. */
    static String htmlToText(String html) {
        Document document = Jsoup.parse(html);
        // Quoted history of replies (Gmail, Thunderbird/Apple Mail, Yahoo, Proton, Outlook's reply header block) and the
        // signature blocks of Gmail, Thunderbird and Outlook on the web are folded here too.
        document.select("script, style, head, title, template, object, embed, iframe, blockquote, "
                + ".gmail_quote, #divRplyFwdMsg, .moz-cite-prefix, .yahoo_quoted, .protonmail_quote, "
                + ".gmail_signature, .gmail_signature_prefix, .moz-signature, #Signature").remove();
        // What a reader never sees: hidden elements (a newsletter's preview line, text hidden to mislead the assistant
        // or the sentiment reading; mail probe of 5 December). The pattern is linear in the style's length.
        document.select("[hidden], [style~=(?i)display\\s*:\\s*none]").remove();
        // Outlook's history follows #appendonsend. Its siblings are removed by hand: jsoup's "#appendonsend ~ *"
        // compares every element with its preceding siblings, quadratic (45 s for 40,000 sibling elements).
        for (Element anchor : document.select("#appendonsend")) {
            anchor.nextElementSiblings().remove();
        }
        StringBuilder text = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode textNode) {
                    text.append(textNode.text());
                } else if (node instanceof Element element && BLOCKS.contains(element.normalName())) {
                    newline(text);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element element && BLOCKS.contains(element.normalName()) && !element.normalName().equals("br")) {
                    newline(text);
                }
            }
        }, document.body());
        return collapseBlankLines(stripLineEnds(text.toString().replace('\u00a0', ' ')));
    }

    /**
     * Drops what the customer did not write: lines quoted with "&gt;", everything from a reply's attribution or header
     * block, a forward's header or the signature delimiter on (once the customer has said something; an attribution
     * above answers written between quoted lines is dropped alone), and a phone's "sent from" line.
     */
    static String foldQuotes(String text) {
        String[] lines = text.replace("\r\n", "\n").split("\n", -1);
        List<String> kept = new ArrayList<>();
        boolean said = false;
        for (int i = 0; i < lines.length; i++) {
            String trimmed = lines[i].strip();
            int header = quoteHeader(lines, i);
            if (header > 0) {
                if (said) {
                    break;
                }
                i += header - 1;
                continue;
            }
            if (FORWARD_HEADER.matcher(trimmed).matches()) {
                // A forward's own words are above the header; the forwarded mail is context the agent can open.
                break;
            }
            if (said && trimmed.equals(SIGNATURE)) {
                break;
            }
            if (trimmed.startsWith(">") || trimmed.length() <= 80 && SENT_FROM.matcher(trimmed).matches()) {
                continue;
            }
            kept.add(lines[i].stripTrailing());
            said |= !trimmed.isEmpty();
        }
        String folded = withoutDisclaimer(collapseBlankLines(String.join("\n", kept)));
        return folded.isEmpty() ? text.strip() : folded;
    }

    /**
     * A company's legal notice under the mail ("This e-mail is confidential and intended solely for …", "Diese E-Mail
     * enthält vertrauliche …", "Dit bericht is uitsluitend bestemd voor …"): mail servers append it without a "-- ",
     * so it ran into the customer's words. Matched at the start of a paragraph only.
     */
    private static final Pattern DISCLAIMER = Pattern.compile("^(?:\\W{0,4}(?:confidential(?:ity)?(?: notice| note)?|disclaimer"
            + "|legal notice|haftungsausschluss|vertraulichkeitshinweis|aviso (?:legal|de confidencialidad)|avis de confidentialit[ée])\\W"
            + "|(?:this|the information in this) (?:e-?mail|message|communication|transmission)(?: and any (?:attachments?|files?)"
            + "(?: (?:to|transmitted with) it)?)?,? (?:(?:is|are|may be|contains?|may contain) .{0,40}(?:confidential|privileged)"
            + "|(?:is|are) (?:intended|meant) (?:only|solely|exclusively) for"
            + "|(?:is|are) (?:intended|meant) for the (?:sole |exclusive )?(?:use|addressee|named|intended|recipient|person))"
            + "|if you (?:are not the intended recipient|have received this (?:e-?mail|message|communication) in error)"
            + "|diese (?:e-?mail|nachricht)(?: und (?:alle|etwaige) anh(?:ä|a|ae)nge?)? (?:enth(?:ä|a|ae)lt|ist|kann) .{0,60}(?:vertraulich|bestimmt)"
            + "|dit (?:e-?mail)?bericht(?:,? inclusief .{0,40})? (?:is|kan) .{0,40}(?:uitsluitend|vertrouwelijk|bestemd)"
            + "|ce (?:message|courriel|mail|e-mail)(?: et (?:toutes )?(?:les|ses) pi[èe]ces jointes)? (?:est|sont|peut|contient) .{0,60}"
            + "(?:confidenti|exclusivement|strictement)"
            + "|este (?:mensaje|correo)(?: electr[óo]nico)?(?: y sus anexos)? (?:es|contiene|puede|va dirigido) .{0,60}(?:confidencial|exclusivamente)"
            + "|questo messaggio .{0,60}(?:riservat|confidenzial)"
            + "|please consider the environment before printing|bitte denken sie an die umwelt)",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    /** The text up to the first paragraph after the customer's own that is a legal notice. */
    static String withoutDisclaimer(String text) {
        String[] paragraphs = text.split("\n\n");
        int length = paragraphs[0].length();
        for (int i = 1; i < paragraphs.length; i++) {
            String head = paragraphs[i].strip();
            if (DISCLAIMER.matcher(head.length() > 300 ? head.substring(0, 300) : head).lookingAt()) {
                return text.substring(0, length).strip();
            }
            length += 2 + paragraphs[i].length();
        }
        return text;
    }

    /** How many lines the quote header starting at line {@code i} takes, or 0 when none starts there. */
    private static int quoteHeader(String[] lines, int i) {
        String line = lines[i].strip();
        if (SEPARATOR.matcher(line).matches()) {
            return 1;
        }
        if (line.length() <= MAX_ATTRIBUTION && HEADER_FROM.matcher(line).matches()) {
            for (int next = i + 1; next < Math.min(lines.length, i + 4); next++) {
                String field = lines[next].strip();
                if (field.length() <= MAX_ATTRIBUTION && HEADER_FIELD.matcher(field).matches()) {
                    return 1;
                }
            }
            return line.contains("@") ? 1 : 0;
        }
        if (line.length() > MAX_ATTRIBUTION) {
            return 0;
        }
        if (!ATTRIBUTION_START.matcher(line).matches()) {
            return introducesQuote(lines, i) ? 1 : 0;
        }
        // Plain-text mail is wrapped near 78 characters, so a long attribution may take up to three lines.
        String joined = line;
        for (int span = 1; span <= 3 && i + span <= lines.length; span++) {
            if (span > 1) {
                String more = lines[i + span - 1].strip();
                if (more.isEmpty() || joined.length() + more.length() > MAX_ATTRIBUTION) {
                    return 0;
                }
                joined = joined + " " + more;
            }
            if (joined.endsWith(":") && hasDigit(joined) && ATTRIBUTION.matcher(joined).matches()) {
                return span;
            }
        }
        return 0;
    }

    /**
     * An attribution in any language, by its shape: a line naming an address and a date or time, ending in a colon
     * (also the full-width one), right above "&gt;"-quoted lines ("2026年11月30日(月) 9:14 Support &lt;s@x&gt;:").
     */
    private static boolean introducesQuote(String[] lines, int i) {
        String line = lines[i].strip();
        if (!(line.endsWith(":") || line.endsWith("：")) || line.indexOf('@') < 0 || !hasDigit(line)) {
            return false;
        }
        for (int next = i + 1; next < lines.length; next++) {
            String following = lines[next].strip();
            if (!following.isEmpty()) {
                return following.startsWith(">");
            }
        }
        return false;
    }

    private static boolean hasDigit(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (Character.isDigit(text.charAt(i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Drops spaces and tabs before each line break. (A loop, not {@code replaceAll("[ \\t]+\\n", ...)}: that retries
     * from every space of a long run without a line break, quadratic in the run.)
     */
    private static String stripLineEnds(String text) {
        StringBuilder result = new StringBuilder(text.length());
        int pending = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == ' ' || c == '\t') {
                pending++;
                continue;
            }
            if (c != '\n') {
                result.append(text, i - pending, i);
            }
            pending = 0;
            result.append(c);
        }
        return result.append(text, text.length() - pending, text.length()).toString();
    }

    /** At most one empty line in a row, no blank lines at either end. */
    private static String collapseBlankLines(String text) {
        StringBuilder result = new StringBuilder(text.length());
        int newlines = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            newlines = c == '\n' ? newlines + 1 : 0;
            if (newlines <= 2) {
                result.append(c);
            }
        }
        return result.toString().strip();
    }

    private static void newline(StringBuilder text) {
        if (!text.isEmpty() && text.charAt(text.length() - 1) != '\n') {
            text.append('\n');
        }
    }

    private static String firstPartOrEmpty(Part part, String type) throws MessagingException, IOException {
        String found = firstPart(part, type);
        return found == null ? "" : found;
    }

    private static String firstPart(Part part, String type) throws MessagingException, IOException {
        if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
            return null;
        }
        if (part.isMimeType(type) || "text/plain".equals(type) && !MimeParts.readableType(part)) {
            // A Content-Type that cannot be read is text/plain (RFC 2045, 5.2).
            return decode(MimeParts.content(part, MAX_TEXT_BYTES), charsetOf(part));
        }
        if (part.isMimeType("message/rfc822")) {
            // A mail forwarded as the whole body, or inline: its text is what the customer sent on.
            return MimeParts.enclosed(part).map(inner -> {
                try {
                    return firstPart(inner, type);
                } catch (MessagingException | IOException unreadable) {
                    return null;
                }
            }).orElse(null);
        }
        List<BodyPart> children = MimeParts.children(part);
        if (children.isEmpty() && part.isMimeType("multipart/*")) {
            // A multipart whose boundary never appears: its body is the text a mail client shows.
            return "text/plain".equals(type) ? decode(MimeParts.raw(part, MAX_TEXT_BYTES), charsetOf(part)) : null;
        }
        for (BodyPart child : children) {
            String found = firstPart(child, type);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** The most of one text part read (intake keeps 100,000 characters of a message). */
    private static final int MAX_TEXT_BYTES = 2_000_000;

    /**
     * A text part's bytes as the sender meant them, where its label is wrong as real mail's often is: text labelled
     * US-ASCII or not labelled at all that is valid UTF-8 is UTF-8; ISO-8859-1 is read as Windows-1252, as browsers
     * do (Outlook labels its curly quotes and euro sign so); an unknown or unsupported charset, or a UTF-8 label on
     * bytes that are not UTF-8, is UTF-8 when the bytes are valid UTF-8 and Windows-1252 otherwise. Never fails on a
     * label.
     */
    static String decode(byte[] bytes, String label) {
        Charset declared = charset(label);
        if (declared != null && !declared.equals(StandardCharsets.US_ASCII)) {
            // Jakarta Mail's names for a label (it reads "us-ascii" as ISO-8859-1, which would hide UTF-8 text).
            declared = charset(MimeUtility.javaCharset(label.strip()));
        }
        if (declared == null || declared.equals(StandardCharsets.US_ASCII)) {
            return isUtf8(bytes) ? new String(bytes, StandardCharsets.UTF_8) : new String(bytes, WINDOWS_1252);
        }
        if (declared.equals(StandardCharsets.UTF_8) && noUtf8Sequence(bytes)) {
            // Labelled UTF-8 but holding 8-bit bytes none of which is UTF-8: an old mailer's Latin-1 under a new label
            // ("caf\u00e9" read "caf\uFFFD"). Text with any real UTF-8 in it stays UTF-8 (a cut at the end, a stray byte).
            return new String(bytes, WINDOWS_1252);
        }
        return new String(bytes, declared.equals(StandardCharsets.ISO_8859_1) ? WINDOWS_1252 : declared);
    }

    private static Charset charset(String name) {
        try {
            return name == null ? null : Charset.forName(name.strip());
        } catch (IllegalArgumentException unknown) {
            // IllegalCharsetNameException and UnsupportedCharsetException: the caller guesses.
            return null;
        }
    }

    private static String charsetOf(Part part) throws MessagingException {
        try {
            return new ContentType(part.getContentType()).getParameter("charset");
        } catch (ParseException unreadable) {
            return null;
        }
    }

    /** Whether the bytes hold 8-bit bytes and not one well-formed multi-byte UTF-8 sequence among them. */
    private static boolean noUtf8Sequence(byte[] bytes) {
        boolean eightBit = false;
        for (int i = 0; i < bytes.length; i++) {
            int b = bytes[i] & 0xFF;
            if (b < 0x80) {
                continue;
            }
            eightBit = true;
            int continuation = b >= 0xC2 && b <= 0xDF ? 1 : b >= 0xE0 && b <= 0xEF ? 2 : b >= 0xF0 && b <= 0xF4 ? 3 : 0;
            if (continuation > 0 && i + continuation < bytes.length) {
                boolean sequence = true;
                for (int k = 1; k <= continuation; k++) {
                    sequence &= (bytes[i + k] & 0xC0) == 0x80;
                }
                if (sequence) {
                    return false;
                }
            }
        }
        return eightBit;
    }

    static boolean isUtf8(byte[] bytes) {
        return isUtf8(bytes, bytes.length);
    }

    /** Whether the first {@code length} bytes are well-formed UTF-8. */
    static boolean isUtf8(byte[] bytes, int length) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes, 0, length));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
