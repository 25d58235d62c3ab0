package io.omnicase.channels.email;

import org.springframework.jdbc.core.simple.JdbcClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Where a mail landed, by its Message-ID: the case its timeline entry belongs to. */
final class MailCases {

    private MailCases() {
    }

    /** The case the mail joined or opened; null when it is on no case (dropped, logged as machine mail, not yet read). */
    static Long caseOrNull(JdbcClient jdbc, String messageId) {
        return jdbc.sql("SELECT case_id FROM interactions WHERE channel = 'EMAIL' AND provider_message_id = ?")
                .param(messageId).query(Long.class).optional().orElse(null);
    }

    static long caseOf(JdbcClient jdbc, String messageId) {
        Long id = caseOrNull(jdbc, messageId);
        assertThat(id).as("case of " + messageId).isNotNull();
        return id;
    }
}
