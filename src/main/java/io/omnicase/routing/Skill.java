package io.omnicase.routing;

/** What a person needs to be able to do to take an escalated case. */
public enum Skill {
    BILLING, TECHNICAL, ACCOUNTS, DE_ESCALATION, KEY_ACCOUNTS
}
