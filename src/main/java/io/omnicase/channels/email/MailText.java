package io.omnicase.channels.email;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

import java.io.IOException;
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
     * Lines where mail clients start the quoted history of a reply or forward. Matched against a stripped line, so no
     * trailing white space needs matching: a {@code .+\\s*$} tail backtracks quadratically over a long line of spaces
     * that ends in a line separator. Every repetition here is bounded or followed by a character it cannot match.
     */
    private static final Pattern QUOTE_HEADER = Pattern.compile(
            "^(On .{3,200}wrote:|Am .{3,200}schrieb .{1,200}:|Le .{3,200}a écrit ?:|-{2,} ?Original Message ?-{2,}|"
                    + "-{2,} ?Ursprüngliche Nachricht ?-{2,}|_{10,}|From: .+|Von: .+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern FORWARD_HEADER = Pattern.compile("^-{2,} ?Forwarded message ?-{2,}$|^Begin forwarded message:$",
            Pattern.CASE_INSENSITIVE);

    private MailText() {
    }

    /** The new text of the mail, quoted history removed; empty when the mail has no readable text. */
    static String of(Part mail) throws MessagingException, IOException {
        String plain = firstPart(mail, "text/plain");
        String text = plain != null ? plain : htmlToText(firstPartOrEmpty(mail, "text/html"));
        return foldQuotes(text);
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
        // Quoted history of replies (Gmail, Thunderbird/Apple Mail, Outlook's reply header block) is folded here too.
        document.select("script, style, head, title, template, object, embed, iframe, blockquote, "
                + ".gmail_quote, #divRplyFwdMsg").remove();
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

    /** Drops quoted history: lines quoted with "&gt;", and everything from a reply or forward header on. */
    static String foldQuotes(String text) {
        List<String> kept = new ArrayList<>();
        for (String line : text.replace("\r\n", "\n").split("\n", -1)) {
            String trimmed = line.strip();
            if (QUOTE_HEADER.matcher(trimmed).matches() && !kept.isEmpty()) {
                break;
            }
            if (FORWARD_HEADER.matcher(trimmed).matches()) {
                // A forward's own words are above the header; the forwarded mail is context the agent can open.
                break;
            }
            if (!trimmed.startsWith(">")) {
                kept.add(line.stripTrailing());
            }
        }
        String folded = collapseBlankLines(String.join("\n", kept));
        return folded.isEmpty() ? text.strip() : folded;
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
        if (part.isMimeType(type)) {
            Object content = part.getContent();
            return content instanceof String s ? s : null;
        }
        if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
            for (int i = 0; i < multipart.getCount(); i++) {
                String found = firstPart(multipart.getBodyPart(i), type);
                if (found != null) {
                    return found;
                }
            }
        }
        return null;
    }
}
