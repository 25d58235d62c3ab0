package io.omnicase.channels.email;

import io.omnicase.cases.SenderCheck;
import io.omnicase.channels.ChannelsProperties;
import io.omnicase.channels.ChannelsProperties.Email.Authentication.Policy;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.springframework.stereotype.Component;

import java.util.Locale;
import java.util.Optional;

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

    /** The verdict on the mail's sender, whose address (the From the mail was taken from) is {@code sender}. */
    SenderCheck check(MimeMessage mail, String sender) throws MessagingException {
        return trusted == null ? SenderCheck.NOT_CHECKED : check(mail.getHeader(HEADER), trusted, policy, domainOf(sender));
    }

    /**
     * The verdict on the headers, topmost first, for a mail from an address at {@code fromDomain}. Verified: the trusted
     * result proves the From's domain ({@link #proves}). Not verified: it says {@code dmarc=fail}, or nothing that
     * passed was for the From's domain (an SPF or DKIM pass for the forger's own domain proves nothing about the
     * From: probe 48); with {@code require}, also no (readable) trusted result at all.
     */
    static SenderCheck check(String[] headers, String trusted, Policy policy, String fromDomain) {
        String header = topmost(headers, trusted);
        Optional<AuthenticationResults> topmost = AuthenticationResults.parse(header);
        if (topmost.isEmpty()) {
            return policy == Policy.REQUIRE ? SenderCheck.notVerified((header != null ? "the Authentication-Results of "
                    + trusted + " are unreadable" : "no Authentication-Results of " + trusted)
                    + " (authentication required)") : SenderCheck.NOT_CHECKED;
        }
        AuthenticationResults found = topmost.get();
        String by = " according to " + trusted;
        if (found.has("dmarc", "fail")) {
            return SenderCheck.notVerified("dmarc=fail" + by);
        }
        if (proves(found, fromDomain)) {
            return SenderCheck.VERIFIED;
        }
        String said = found.said("spf") + ", " + found.said("dkim");
        if (found.has("spf", "pass") || found.has("dkim", "pass")) {
            return SenderCheck.notVerified(said + " for another domain than the sender's ("
                    + (fromDomain == null ? "unknown" : fromDomain) + ")" + by);
        }
        return SenderCheck.notVerified(said + by);
    }

    /**
     * Whether the mailbox's server proved the From address itself: the verdict is {@link SenderCheck#VERIFIED}
     * ({@code dmarc=pass}, or SPF or DKIM passed for a domain aligned with the From's). One test decides both automatic
     * answers and whom a mail's To and Cc confirm (MailThreader.confirmedParticipant).
     */
    static boolean fromProven(SenderCheck check) {
        return SenderCheck.VERIFIED.equals(check);
    }

    static boolean fromProven(String[] headers, String trusted, String fromDomain) {
        return fromProven(check(headers, trusted, Policy.OPTIONAL, fromDomain));
    }

    /**
     * DMARC's own test (RFC 7489 section 4.2) on what the server found: {@code dmarc=pass} (for the From's domain
     * when the server names it), or an SPF pass whose {@code smtp.mailfrom}, or a DKIM pass whose {@code header.d},
     * is aligned with the From's domain. A pass that names no domain proves nothing.
     */
    static boolean proves(AuthenticationResults found, String fromDomain) {
        if (found.has("dmarc", "fail")) {
            return false;
        }
        if (found.found("dmarc", "pass").stream().anyMatch(dmarc -> dmarc.domain("header.from") == null
                || fromDomain == null || aligned(dmarc.domain("header.from"), fromDomain))) {
            return true;
        }
        return fromDomain != null && (found.found("spf", "pass").stream()
                .anyMatch(spf -> aligned(spf.domain("smtp.mailfrom"), fromDomain))
                || found.found("dkim", "pass").stream().anyMatch(dkim -> aligned(
                        dkim.domain("header.d") != null ? dkim.domain("header.d") : dkim.domain("header.i"), fromDomain)));
    }

    /**
     * Relaxed identifier alignment (RFC 7489 section 3.1) without the public suffix list: the same domain, or one
     * below the other, never a name without a dot. Stricter than DMARC for siblings (a.example.org and
     * b.example.org do not align here), which only withholds an automatic answer.
     */
    static boolean aligned(String domain, String fromDomain) {
        if (domain == null || fromDomain == null) {
            return false;
        }
        String other = fromDomain.toLowerCase(Locale.ROOT);
        String shorter = domain.length() <= other.length() ? domain : other;
        return shorter.indexOf('.') > 0
                && (domain.equals(other) || domain.endsWith("." + other) || other.endsWith("." + domain));
    }

    /**
     * The topmost header that names the trusted server, or null: the receiving server writes its own on top, one
     * below it came with the mail.
     */
    private static String topmost(String[] headers, String trusted) {
        if (headers != null) {
            for (String header : headers) {
                String id = authservIdOf(header);
                if (id != null && id.equalsIgnoreCase(trusted)) {
                    return header;
                }
            }
        }
        return null;
    }

    private static String domainOf(String address) {
        int at = address == null ? -1 : address.lastIndexOf('@');
        return at < 0 ? null : address.substring(at + 1).toLowerCase(Locale.ROOT);
    }

    /** The authserv-id a header names (its first word, comments dropped), or null when it names none. */
    private static String authservIdOf(String header) {
        if (header == null || header.length() > AuthenticationResults.MAX_LENGTH) {
            return null;
        }
        Optional<AuthenticationResults> whole = AuthenticationResults.parse(header);
        if (whole.isPresent()) {
            return whole.get().authservId();
        }
        // The id alone: parse a header cut after it, so an unreadable rest still tells whose header it claims to be.
        int semicolon = header.indexOf(';');
        String head = semicolon < 0 ? header : header.substring(0, semicolon);
        return AuthenticationResults.parse(head + "; none").map(AuthenticationResults::authservId).orElse(null);
    }
}
