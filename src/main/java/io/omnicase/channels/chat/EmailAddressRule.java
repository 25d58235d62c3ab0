package io.omnicase.channels.chat;

import java.util.Locale;
import java.util.Optional;

/**
 * The addresses a chat visitor may ask a code for: a plain mailbox at a domain name, in ASCII. No quoted local parts,
 * no IP literals ({@code x@[127.0.0.1]}), no markup ({@code <script>@x.com}), no spaces or control characters. Checked
 * character by character, so no input makes it slow.
 */
final class EmailAddressRule {

    static final int MAX_LENGTH = 254;
    private static final int MAX_LOCAL = 64;
    private static final int MAX_LABEL = 63;

    private EmailAddressRule() {
    }

    /** The address in lower case when it passes the rule; empty otherwise. Spaces around it are ignored. */
    static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        String address = trimSpaces(raw);
        if (address.isEmpty() || address.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        int at = address.indexOf('@');
        if (at < 0 || at != address.lastIndexOf('@')) {
            return Optional.empty();
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (!localPart(local) || !domain(domain)) {
            return Optional.empty();
        }
        return Optional.of(address.toLowerCase(Locale.ROOT));
    }

    private static String trimSpaces(String raw) {
        int start = 0;
        int end = raw.length();
        while (start < end && raw.charAt(start) == ' ') {
            start++;
        }
        while (end > start && raw.charAt(end - 1) == ' ') {
            end--;
        }
        return raw.substring(start, end);
    }

    private static boolean localPart(String local) {
        if (local.isEmpty() || local.length() > MAX_LOCAL || local.startsWith(".") || local.endsWith(".")
                || local.contains("..")) {
            return false;
        }
        for (int i = 0; i < local.length(); i++) {
            char c = local.charAt(i);
            if (!(asciiLetterOrDigit(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    private static boolean domain(String domain) {
        if (domain.isEmpty() || domain.length() > 253) {
            return false;
        }
        String[] labels = domain.split("\\.", -1);
        if (labels.length < 2) {
            return false;
        }
        for (String label : labels) {
            if (label.isEmpty() || label.length() > MAX_LABEL || label.startsWith("-") || label.endsWith("-")) {
                return false;
            }
            for (int i = 0; i < label.length(); i++) {
                char c = label.charAt(i);
                if (!(asciiLetterOrDigit(c) || c == '-')) {
                    return false;
                }
            }
        }
        // A top-level domain is letters (or an IDN's xn-- form): this keeps dotted IP addresses out.
        String top = labels[labels.length - 1];
        if (top.toLowerCase(Locale.ROOT).startsWith("xn--")) {
            return top.length() > 4;
        }
        if (top.length() < 2) {
            return false;
        }
        for (int i = 0; i < top.length(); i++) {
            char c = top.charAt(i);
            if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'))) {
                return false;
            }
        }
        return true;
    }

    private static boolean asciiLetterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
