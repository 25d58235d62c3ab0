package io.omnicase.channels.email;

import io.omnicase.cases.SenderCheck;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.ChannelsProperties.Email.Authentication.Policy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

import java.util.Locale;

/**
 * Whether a mail's sender is who its From says, as the mail server that received it for the support mailbox found
 * (its {@code Authentication-Results}, RFC 8601): the one place that decides it for mail. A sender that is not
 * verified still gets a case, but no automatic answer (backscatter to a forged From). Only the topmost header whose
 * authserv-id is the configured one counts: anyone can write such a header into a mail, the receiving server writes
 * its own on top (and strips forged copies of it, RFC 8601 section 5).
 */
@Component
class SenderAuthentication {

    static final String HEADER = "Authentication-Results";

    private final String trusted;
    private final Policy policy;

    SenderAuthentication(ChannelsProperties properties) {
        ChannelsProperties.Email.Authentication authentication = properties.email().authentication();
        this.trusted = authentication.authservId() == null ? null : authentication.authservId().toLowerCase(Locale.ROOT);
        this.policy = authentication.policy();
        if (trusted == null && properties.email().enabled() && !properties.email().demoServer()) {
            org.slf4j.LoggerFactory.getLogger(SenderAuthentication.class).warn("No omnicase.channels.email.authentication"
                    + ".authserv-id (MAIL_AUTHSERV_ID) is set: mail senders are not checked, and a mail with a forged From "
                    + "gets the assistant's answer at the forged address");
        }
    }

    SenderCheck check(MimeMessage mail) throws MessagingException {
        return trusted == null ? SenderCheck.NOT_CHECKED : check(mail.getHeader(HEADER), trusted, policy);
    }

    /**
     * The verdict on the headers, topmost first. Not verified: the trusted result says {@code dmarc=fail}, or neither
     * SPF nor DKIM passed (DMARC did not pass either); with {@code require}, also no (readable) trusted result at all.
     */
    static SenderCheck check(String[] headers, String trusted, Policy policy) {
        AuthenticationResults found = null;
        boolean unreadable = false;
        if (headers != null) {
            for (String header : headers) {
                String id = authservIdOf(header);
                if (id != null && id.equalsIgnoreCase(trusted)) {
                    // The topmost one is the receiving server's own; one below it came with the mail.
                    found = AuthenticationResults.parse(header).orElse(null);
                    unreadable = found == null;
                    break;
                }
            }
        }
        if (found == null) {
            return policy == Policy.REQUIRE ? SenderCheck.notVerified((unreadable ? "the Authentication-Results of "
                    + trusted + " are unreadable" : "no Authentication-Results of " + trusted)
                    + " (authentication required)") : SenderCheck.NOT_CHECKED;
        }
        String by = " according to " + trusted;
        if (found.has("dmarc", "fail")) {
            return SenderCheck.notVerified("dmarc=fail" + by);
        }
        if (found.has("dmarc", "pass") || found.has("spf", "pass") || found.has("dkim", "pass")) {
            return SenderCheck.VERIFIED;
        }
        return SenderCheck.notVerified(found.said("spf") + ", " + found.said("dkim") + by);
    }

    /**
     * Whether the mailbox's server proved the From address itself: its topmost header says {@code dmarc=pass}, SPF or
     * DKIM aligned with the From domain. SPF or DKIM passing alone proves only an envelope sender or a signing domain,
     * which a forger picks (their own); enough to hold back an answer, not to trust who a mail names in Cc (probe 48).
     */
    boolean fromProven(MimeMessage mail) throws MessagingException {
        return trusted != null && fromProven(mail.getHeader(HEADER), trusted);
    }

    static boolean fromProven(String[] headers, String trusted) {
        if (headers == null) {
            return false;
        }
        for (String header : headers) {
            String id = authservIdOf(header);
            if (id != null && id.equalsIgnoreCase(trusted)) {
                // The topmost one is the receiving server's own, as in check().
                return AuthenticationResults.parse(header).map(found -> found.has("dmarc", "pass")
                        && !found.has("dmarc", "fail")).orElse(false);
            }
        }
        return false;
    }

    /** The authserv-id a header names (its first word, comments dropped), or null when it names none. */
    private static String authservIdOf(String header) {
        if (header == null || header.length() > AuthenticationResults.MAX_LENGTH) {
            return null;
        }
        java.util.Optional<AuthenticationResults> whole = AuthenticationResults.parse(header);
        if (whole.isPresent()) {
            return whole.get().authservId();
        }
        // The id alone: parse a header cut after it, so an unreadable rest still tells whose header it claims to be.
        int semicolon = header.indexOf(';');
        String head = semicolon < 0 ? header : header.substring(0, semicolon);
        return AuthenticationResults.parse(head + "; none").map(AuthenticationResults::authservId).orElse(null);
    }
}
