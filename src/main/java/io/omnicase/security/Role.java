package io.omnicase.security;

/** What a user may do in Omnicase. */
public enum Role {
    /** Works cases: tasklist, replies, resolution. */
    AGENT,
    /** Watches queues, edits routing rules, works cases too. */
    SUPERVISOR,
    /** Edits and deploys BPMN models and forms. */
    DESIGNER,
    /** Reads every case, decision and change; changes nothing. */
    AUDITOR,
    /** Runs the installation: users, configuration, everything. */
    ADMIN,
    /** A channel gateway (a machine): may post inbound messages, nothing else. */
    CHANNEL
}
