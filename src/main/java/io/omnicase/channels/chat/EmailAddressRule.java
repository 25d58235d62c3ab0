package io.omnicase.channels.chat;

import io.omnicase.customers.IdentityKind;

import java.util.Optional;

/**
 * The addresses a chat visitor may ask a code for: a plain mailbox at a domain name, in ASCII. No quoted local parts,
 * no IP literals ({@code x@[127.0.0.1]}), no markup ({@code <script>@x.com}), no spaces or control characters. Checked
 * character by character, so no input makes it slow.
 */
final class EmailAddressRule {

    private EmailAddressRule() {
    }

    /** The address in lower case when it passes the rule; empty otherwise. Spaces around it are ignored. */
    static Optional<String> normalize(String raw) {
        if (raw == null) {
            return Optional.empty();
        }
        // Only spaces around it are forgiven: a line break or tab in a typed address is refused, not trimmed.
        int start = 0;
        int end = raw.length();
        while (start < end && raw.charAt(start) == ' ') {
            start++;
        }
        while (end > start && raw.charAt(end - 1) == ' ') {
            end--;
        }
        String address = raw.substring(start, end);
        // The code goes out over plain SMTP: printable ASCII only (no SMTPUTF8, no line breaks or tabs, which an
        // identity would strip), on top of what an identity accepts.
        if (!address.chars().allMatch(c -> c > ' ' && c < 127) || !IdentityKind.EMAIL.accepts(address)) {
            return Optional.empty();
        }
        return Optional.of(IdentityKind.EMAIL.normalize(address));
    }
}
