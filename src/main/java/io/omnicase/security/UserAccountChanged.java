package io.omnicase.security;

import java.time.Instant;
import java.util.Set;

/**
 * An administrator created or changed an account; published in the changing transaction (the audit trail records it,
 * Camunda's identity mirror follows it). {@code change} says what: created, profile, password, enabled, disabled,
 * unlocked. Never carries a password.
 */
public record UserAccountChanged(String username, String change, String displayName, Set<Role> roles,
                                 Set<String> queues, boolean enabled, String changedBy, Instant changedAt) {

    public UserAccount account() {
        return new UserAccount(username, displayName, roles, queues);
    }
}
