package io.omnicase.channels.email;

/** What sent a mail: a person, a machine answering for a person, or a mail system reporting a failed delivery. */
enum MailKind {
    /** Written by a person: lands on a case and may be answered. */
    HUMAN,
    /** Out-of-office, vacation notice, challenge/response: attached to its case, never answered, never opens one. */
    AUTO_REPLY,
    /** A delivery failure report: marks the address bouncing and opens no case. */
    BOUNCE
}
