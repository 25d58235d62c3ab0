package io.omnicase.assistant.internal;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An agent's reply as an answer for anyone: a resolved case's reply is learned and later offered to other customers
 * (as a one-click answer on the desk, or to the customer by the assistant), so it must not greet or name the customer it
 * was written to, nor sign with its agent's name. The greeting, the agent's introduction and the sign-off go, and the
 * customer's names where they
 * stand in a sentence ("I'm sorry to hear that, Ben." is "I'm sorry to hear that.").
 */
final class Impersonal {

    private static final Pattern GREETING = Pattern.compile(
            "^\\s*(hello|hi|hey|dear|good (morning|afternoon|evening)|hallo|guten tag|liebe[rs]?|bonjour|hola|hej)\\b"
                    + "[^\\n.!?,:]{0,40}[,!:.]?[ \\t]*(\\r?\\n)*\\s*", Pattern.CASE_INSENSITIVE);
    /**
     * The agent introducing themselves ("I am Alex from the support team.", "This is Sam."): another agent would send it
     * under their own name (walk 48). A name is capitalised, so "I am sorry." stays.
     */
    private static final Pattern SELF_INTRODUCTION = Pattern.compile(
            "^(?i:this is|i am|i'm|my name is)[ \\t]++\\p{Lu}[\\p{L}'-]*+(?:[ \\t]++\\p{Lu}[\\p{L}'-]*+)?+"
                    + "(?:[ \\t]++(?i:from|of|with|at|on)[ \\t]++[^.!?\\n]{0,60}+)?+[.!][ \\t]*+(?:\\r?\\n)*+\\s*+");
    /**
     * The quantifiers that eat spaces are possessive: they met in a run of spaces ("Best regards," then 20,000 spaces
     * and a "!") and tried every way to share it, 72 s of one event thread per learned reply (probe 46). None of them
     * gives back what a match needs (a name or the end follows them), so what matches is unchanged.
     */
    private static final Pattern SIGN_OFF = Pattern.compile(
            "(\\r?\\n|^|(?<=[.!?])\\s)\\s*+(best( regards| wishes)?|kind regards|warm regards|regards|many thanks|thanks|thank you|"
                    + "cheers|sincerely|yours|viele grüße|mit freundlichen grüßen|cordialement|saludos)\\b[,!.]?"
                    + "([ \\t]*+\\r?\\n?[ \\t]*+[\\p{L} .'-]{0,40}+)?\\s*+$", Pattern.CASE_INSENSITIVE);
    /** From the start of a run of spaces only, possessive: tried from every space of a long run, it was quadratic. */
    private static final Pattern SPACE_BEFORE_PUNCTUATION = Pattern.compile("(?<!\\s)\\s++([,.!?;:])");
    /** What identifies the customer or their things, in the order it is taken out (the most specific first). */
    private static final List<Map.Entry<Pattern, String>> PERSONAL = List.of(
            // From the start of a run of address characters (or where the previous match ended), possessive: the
            // matcher recursed once per ".label" (a StackOverflowError at 3,000 labels) and tried every start inside
            // a long word (probe 46). A local part never holds "@" and a label never holds ".", so the matches are
            // the same as "[...]*@[...]+(\\.[...]+)+" gave.
            Map.entry(Pattern.compile("(?:(?<![\\p{L}\\p{N}._%+-])|\\G)[\\p{L}\\p{N}._%+-]*+@[\\p{L}\\p{N}-]++(?:\\.[\\p{L}\\p{N}-]++)++"),
                    "[email]"),
            Map.entry(Pattern.compile("\\b[A-Z]{2}\\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b"), "[IBAN]"),
            // International numbers; a national one is taken out below as numbers of four digits or more.
            Map.entry(Pattern.compile("(?<![\\p{L}\\p{N}])(?:\\+|00)\\d{1,3}(?:[ ./-]?\\(?\\d{1,5}\\)?){2,6}(?![\\p{L}\\p{N}])"), "[phone]"),
            Map.entry(Pattern.compile("(?i)\\b[\\p{L}-]*(?:strasse|straße|str\\.|street|road|avenue|lane|weg|platz|allee|gasse|rue|via|calle)"
                    + "\\s+\\d{1,5}\\s?[a-z]?\\b"), "[address]"),
            // A number from the start of its digits (or where the previous match ended), possessive: from every digit of
            // a long run it was quadratic (19,000 digits: 9 s). A shorter part of a run is followed by a digit, which
            // no currency is, so the matches are the same.
            Map.entry(Pattern.compile("(?:(?<!\\d)|\\G)\\d++(?:[.,]\\d{1,2})?\\s?(?:EUR|USD|GBP|CHF|€|\\$|£)"
                    + "|(?:€|\\$|£)\\s?\\d+(?:[.,]\\d{1,2})?"), "[amount]"));
    private static final Pattern DOUBLE_COMMA = Pattern.compile(",\\s*([,.!?])");

    /** A word of letters, digits and hyphens ("K-778812", "4242", "order5521"). */
    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}-]+");
    private static final int DIGITS_OF_A_NUMBER = 4;

    private Impersonal() {
    }

    /**
     * The reply without what identifies a customer or their things: addresses (mail and street), phone numbers, IBANs,
     * amounts, and every word holding four digits or more (order, customer, card and postal numbers), each replaced by
     * what it was ("[email]", "[number]"), so the answer still reads as a pattern to follow.
     */
    static String withoutPersonalData(String text) {
        String result = text;
        for (Map.Entry<Pattern, String> kind : PERSONAL) {
            result = kind.getKey().matcher(result).replaceAll(Matcher.quoteReplacement(kind.getValue()));
        }
        return WORD.matcher(result).replaceAll(word -> word.group().chars().filter(Character::isDigit).count() >= DIGITS_OF_A_NUMBER
                ? "[number]" : Matcher.quoteReplacement(word.group()));
    }

    /** The reply without greeting, sign-off and the named person's names (names of fewer than two letters are kept). */
    static String answer(String reply, Collection<String> names) {
        String text = withoutPersonalData(reply.strip());
        String withoutGreeting = GREETING.matcher(text).replaceFirst("");
        if (!withoutGreeting.isBlank()) {
            text = withoutGreeting;
        }
        String withoutIntroduction = SELF_INTRODUCTION.matcher(text).replaceFirst("");
        if (!withoutIntroduction.isBlank()) {
            text = withoutIntroduction;
        }
        String withoutSignOff = SIGN_OFF.matcher(text).replaceFirst("");
        if (!withoutSignOff.isBlank()) {
            text = withoutSignOff.strip();
        }
        for (String name : names) {
            for (String part : name == null ? new String[0] : name.strip().split("[\\s,]+")) {
                if (part.codePointCount(0, part.length()) < 2 || !part.codePoints().allMatch(c -> Character.isLetter(c) || c == '-' || c == '\'')) {
                    continue;
                }
                // A direct address ("..., Ben." or "Ben, ...") goes with its comma; a name inside a sentence too.
                text = Pattern.compile("(,\\s*)?\\b" + Pattern.quote(part) + "\\b(\\s*,)?", Pattern.CASE_INSENSITIVE
                        | Pattern.UNICODE_CASE | Pattern.UNICODE_CHARACTER_CLASS).matcher(text).replaceAll(m -> m.group(1) != null && m.group(2) != null ? "," : "");
            }
        }
        text = DOUBLE_COMMA.matcher(text).replaceAll("$1");
        text = SPACE_BEFORE_PUNCTUATION.matcher(text).replaceAll("$1").replaceAll("[ \\t]{2,}", " ").strip();
        text = text.replaceFirst("^[,;:\\s]+", "");
        return text.isEmpty() ? reply.strip() : capitalised(text);
    }

    private static String capitalised(String text) {
        Matcher first = Pattern.compile("\\p{L}").matcher(text);
        if (!first.find() || first.start() > 0) {
            return text;
        }
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
