package io.omnicase.channels;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Provider credentials and endpoints of the channels ({@code omnicase.channels.*}). The default run carries demo values
 * with outbound sending off; production sets real secrets through the environment.
 */
@ConfigurationProperties(prefix = "omnicase.channels")
public record ChannelsProperties(WhatsApp whatsapp, Messenger messenger, Twilio twilio, Email email, Voice voice) {

    public ChannelsProperties {
        voice = voice == null ? new Voice(null, java.time.Duration.ofMinutes(5)) : voice;
        email = email == null ? new Email(false, "support@omnicase.local", "Omnicase Support", "imap", "127.0.0.1", 3143,
                null, null, "INBOX", java.time.Duration.ofSeconds(10), false, 3025, 3143, 10_485_760, null) : email;
        whatsapp = whatsapp == null ? new WhatsApp(null, null, null, null, null, null, false) : whatsapp;
        messenger = messenger == null ? new Messenger(null, null, null, null, null, false) : messenger;
        twilio = twilio == null ? new Twilio(null, null, null, null, null, false) : twilio;
    }

    /**
     * WhatsApp Cloud API.
     *
     * @param verifyToken   what Meta must send in {@code hub.verify_token} when the webhook is registered
     * @param appSecret     the Meta app secret that signs webhook bodies ({@code X-Hub-Signature-256})
     * @param accessToken   bearer token for the Graph API (outbound)
     * @param phoneNumberId the business phone number id messages are sent from
     * @param baseUrl       Graph API base, {@code https://graph.facebook.com} in production
     * @param apiVersion    Graph API version path segment, e.g. {@code v21.0}
     * @param outbound      whether replies are sent through the Graph API
     */
    public record WhatsApp(String verifyToken, String appSecret, String accessToken, String phoneNumberId,
                           String baseUrl, String apiVersion, boolean outbound) {
    }

    /** Facebook Messenger (a Page's inbox): same handshake and signature as WhatsApp, a page access token for sending. */
    public record Messenger(String verifyToken, String appSecret, String pageAccessToken, String baseUrl,
                            String apiVersion, boolean outbound) {
    }

    /**
     * Twilio Programmable Messaging (SMS).
     *
     * @param publicUrl the base URL under which Twilio reaches Omnicase (the signature covers the full URL Twilio
     *                  called, which a proxy in front of the app hides); empty means the URL of the request as received
     */
    public record Twilio(String accountSid, String authToken, String fromNumber, String baseUrl, String publicUrl,
                         boolean outbound) {
    }

    /**
     * Mail: the support mailbox read by IMAP, replies sent by SMTP ({@code spring.mail.*}).
     *
     * @param address         the support address; replies come from it
     * @param imapProtocol    {@code imap} or {@code imaps}
     * @param pollInterval    how often the mailbox is read
     * @param demoServer      start a local GreenMail SMTP/IMAP server as the demo mailbox (default run only)
     * @param maxAttachmentBytes the largest attachment kept; larger ones are noted on the timeline, not stored
     * @param authentication  whose {@code Authentication-Results} (RFC 8601) count before an automatic answer
     */
    public record Email(boolean enabled, String address, String displayName, String imapProtocol, String imapHost,
                        int imapPort, String username, String password, String folder, java.time.Duration pollInterval,
                        boolean demoServer, int demoSmtpPort, int demoImapPort, int maxAttachmentBytes,
                        Authentication authentication) {

        public Email {
            authentication = authentication == null ? new Authentication(null, null) : authentication;
        }

        /**
         * The receiving mail server's verdict on a mail's sender ({@code omnicase.channels.email.authentication.*}).
         * Anyone can write an {@code Authentication-Results} header into a mail: only the topmost one whose
         * authserv-id is {@code authservId} counts, which the receiving server writes (and from which it strips
         * copies that arrived with the mail, RFC 8601 section 5).
         *
         * @param authservId the authserv-id of the mail server that receives the support mailbox's mail
         *                   ({@code mx.example.com}); unset (the default run), no header is read and mail is answered
         *                   as a person's
         * @param policy     {@code optional} (default): a sender the server found failing gets no automatic answer;
         *                   {@code require}: only a sender the server found passing gets one
         */
        public record Authentication(String authservId, Policy policy) {

            public Authentication {
                authservId = authservId == null || authservId.isBlank() ? null : authservId.strip();
                policy = policy == null ? Policy.OPTIONAL : policy;
                if (policy == Policy.REQUIRE && authservId == null) {
                    throw new IllegalArgumentException("omnicase.channels.email.authentication.policy=require needs "
                            + "omnicase.channels.email.authentication.authserv-id: without it no result can be trusted "
                            + "and no mail would ever be answered automatically");
                }
            }

            /** What a mail without a trusted result is. */
            public enum Policy {
                /** Not verified only when the trusted result says the sender failed. */
                OPTIONAL,
                /** Not verified unless the trusted result says the sender passed. */
                REQUIRE
            }
        }
    }

    /**
     * Call events of a telephony provider (or the relay in front of it).
     *
     * @param secret    signs each call event ({@code X-Omnicase-Signature})
     * @param tolerance how old a signed event may be; older ones are refused as replays
     */
    public record Voice(String secret, java.time.Duration tolerance) {
    }
}
