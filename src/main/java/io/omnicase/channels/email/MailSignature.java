package io.omnicase.channels.email;

/**
 * The lines under a reply mail that say who wrote it (walk 47: a mail reply carried no name, so a customer could not
 * say whom they had dealt with, where the chat shows the agent's name): the agent's display name, the team and the
 * case, or, for the assistant's answers, that they are automatic. It follows the signature delimiter "-- " (RFC 3676),
 * so a customer's mail client and Omnicase's own reading of the customer's answer ({@link MailText}) know it as one.
 */
final class MailSignature {

    static final String DELIMITER = "-- ";
    static final String AUTOMATIC = "This answer was written automatically by our assistant.";

    private MailSignature() {
    }

    /**
     * The reply's text with the signature under it.
     *
     * @param agentName the agent's display name; null or blank for the assistant, or an account without a name
     * @param automatic the assistant wrote the reply
     * @param team      who answers, as the From line names it ("Omnicase Support")
     */
    static String signed(String text, String agentName, boolean automatic, String team, long caseId) {
        StringBuilder mail = new StringBuilder(text.stripTrailing()).append("\n\n").append(DELIMITER).append('\n');
        if (!automatic && agentName != null && !agentName.isBlank()) {
            mail.append(agentName.strip()).append('\n');
        }
        mail.append(team == null || team.isBlank() ? "Support" : team.strip()).append(", case #").append(caseId).append('\n');
        if (automatic) {
            mail.append(AUTOMATIC).append('\n');
        }
        return mail.toString();
    }
}
