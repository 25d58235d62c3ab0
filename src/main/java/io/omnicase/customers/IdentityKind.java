package io.omnicase.customers;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;

import java.util.Locale;

/** The kind of address that identifies a customer; SMS, WhatsApp and voice share the phone number. */
public enum IdentityKind {
    EMAIL, PHONE, CHAT_VISITOR, MESSENGER;

    /** The longest email address (RFC 5321: a forward path holds at most 256 octets, two of them the angle brackets). */
    public static final int MAX_EMAIL = 254;
    /** The longest local part of an email address (RFC 5321). */
    private static final int MAX_LOCAL_PART = 64;
    /** The most digits of an E.164 number, country code included. */
    public static final int MAX_PHONE_DIGITS = 15;
    private static final int MIN_PHONE_DIGITS = 6;
    private static final int MAX_PHONE_TEXT = 32;
    private static final int MAX_ID = 128;

    /** The canonical form of an address of this kind, so that the same address always finds the same customer. */
    public String normalize(String address) {
        String trimmed = address.strip();
        return switch (this) {
            case EMAIL -> email(trimmed);
            case PHONE -> e164(trimmed);
            case CHAT_VISITOR, MESSENGER -> trimmed;
        };
    }

    /**
     * An email address in one form: lower case, Unicode in its composed form (NFC: "é" typed as e and an accent is
     * "é"), and the domain in ASCII (IDNA: "exämple.com" is "xn--exmple-cua.com", the name mail servers use). Nothing
     * folds one character into another that looks alike (no NFKC, no accent stripping): "exämple.com" is not
     * "example.com", and the database compares identities byte for byte.
     */
    private static String email(String address) {
        String composed = java.text.Normalizer.normalize(address, java.text.Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        int at = composed.lastIndexOf('@');
        if (at < 0) {
            return composed;
        }
        String domain = composed.substring(at + 1);
        try {
            String ascii = java.net.IDN.toASCII(domain, java.net.IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
            // Java's IDNA (2003) also maps characters to others: "ß" to "ss", "ς" to "σ", full-width letters to
            // ASCII. Such a domain is another domain today (IDNA 2008), so it is kept as written, never folded
            // into the look-alike; only a conversion that comes back unchanged is taken.
            if (domain.chars().allMatch(c -> c < 128)
                    || java.net.IDN.toUnicode(ascii, java.net.IDN.ALLOW_UNASSIGNED).equals(domain)) {
                domain = ascii;
            }
        } catch (IllegalArgumentException notADomainName) {
            // Kept as written: such an address was refused by accepts() or is compared as it is.
        }
        return composed.substring(0, at + 1) + domain;
    }

    /**
     * A phone number in E.164 (libphonenumber), so "+49 171 1234567", "0049-171-1234567" and WhatsApp's "491711234567"
     * are one identity. Numbers are international (every channel delivers them so); one that libphonenumber cannot read
     * keeps its digits.
     */
    private static String e164(String phone) {
        String digits = digits(phone);
        String international = phone.startsWith("00") ? "+" + digits.substring(2) : "+" + digits;
        try {
            // Parsing the original keeps a written-out trunk prefix "(0)" from being read as part of the number.
            String text = phone.startsWith("+") ? phone : international;
            PhoneNumberUtil util = PhoneNumberUtil.getInstance();
            return util.format(util.parse(text, "ZZ"), PhoneNumberUtil.PhoneNumberFormat.E164);
        } catch (NumberParseException e) {
            return international;
        }
    }

    /**
     * Whether an address is well-formed for this kind; callers reject the message otherwise. Every accepted address,
     * normalised, fits the identity column, and none holds a control character.
     */
    public boolean accepts(String address) {
        String trimmed = address == null ? "" : address.strip();
        return switch (this) {
            case EMAIL -> isEmailAddress(trimmed);
            case PHONE -> isPhoneNumber(trimmed);
            case CHAT_VISITOR, MESSENGER -> isId(trimmed);
        };
    }

    /** Why {@link #accepts} refuses an address, in words for a problem description; null when it is accepted. */
    public String refusal(String address) {
        if (accepts(address)) {
            return null;
        }
        String trimmed = address == null ? "" : address.strip();
        if (trimmed.chars().anyMatch(Character::isISOControl)) {
            return "must not contain control characters";
        }
        return switch (this) {
            case EMAIL -> trimmed.length() > MAX_EMAIL ? "is longer than " + MAX_EMAIL + " characters"
                    : "is not an email address (local-part@host.domain, no IP literal, quotes, brackets or spaces)";
            case PHONE -> "is not an international phone number (E.164, at most " + MAX_PHONE_DIGITS + " digits)";
            case CHAT_VISITOR, MESSENGER -> "must be 1-" + MAX_ID + " letters, digits or ._:-";
        };
    }

    /**
     * A plain mailbox address: a dot-atom local part (RFC 5322 atext, or letters and digits of any script) and a DNS host
     * name with at least two labels. Refused: quoted local parts, IP literals ({@code [127.0.0.1]}), comments, angle
     * brackets, spaces and control characters. A hand-written scan, linear in the input, not a regular expression.
     */
    static boolean isEmailAddress(String address) {
        if (address.isEmpty() || address.length() > MAX_EMAIL) {
            return false;
        }
        int at = address.indexOf('@');
        if (at <= 0 || at > MAX_LOCAL_PART || at != address.lastIndexOf('@')) {
            return false;
        }
        return isDotAtom(address.substring(0, at)) && isHostName(address.substring(at + 1));
    }

    private static boolean isDotAtom(String local) {
        if (local.startsWith(".") || local.endsWith(".") || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); ) {
            int c = local.codePointAt(i);
            boolean ok = c == '.' || c < 128 && (Character.isLetterOrDigit(c) || "!#$%&'*+/=?^_`{|}~-".indexOf(c) >= 0)
                    || c >= 128 && Character.isLetterOrDigit(c);
            if (!ok) {
                return false;
            }
            i += Character.charCount(c);
        }
        return true;
    }

    /** A DNS host name: labels of letters, digits and inner hyphens, at least two, the last not all digits. */
    private static boolean isHostName(String domain) {
        if (domain.isEmpty() || domain.length() > 253 || domain.endsWith(".")) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > 63 || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); ) {
                int c = label.codePointAt(i);
                if (!(c == '-' || (c < 128 ? Character.isLetterOrDigit(c) : Character.isLetter(c) || Character.isDigit(c)))) {
                    return false;
                }
                i += Character.charCount(c);
            }
        }
        String top = labels[labels.length - 1];
        // Every top-level domain has two characters or more, and none is all digits (that is an IP address).
        return top.length() >= 2 && !top.chars().allMatch(Character::isDigit);
    }

    /** An international number as channels deliver it: digits with the usual separators, 6 to 15 digits (E.164). */
    private static boolean isPhoneNumber(String phone) {
        if (phone.isEmpty() || phone.length() > MAX_PHONE_TEXT) {
            return false;
        }
        for (int i = 0; i < phone.length(); i++) {
            char c = phone.charAt(i);
            if (!(c >= '0' && c <= '9' || c == ' ' || c == '(' || c == ')' || c == '.' || c == '/' || c == '-'
                    || c == '+' && i == 0)) {
                return false;
            }
        }
        String digits = digits(phone);
        int significant = phone.startsWith("00") ? digits.length() - 2 : digits.length();
        return significant >= MIN_PHONE_DIGITS && significant <= MAX_PHONE_DIGITS;
    }

    private static boolean isId(String id) {
        if (id.isEmpty() || id.length() > MAX_ID) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c < 128 && Character.isLetterOrDigit(c) || c == '.' || c == '_' || c == ':' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static String digits(String phone) {
        StringBuilder digits = new StringBuilder(phone.length());
        phone.chars().filter(c -> c >= '0' && c <= '9').forEach(c -> digits.append((char) c));
        return digits.toString();
    }
}
