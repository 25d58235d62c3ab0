package io.omnicase.security;

import java.util.Set;

/** A person or machine that logs in, with its roles and the queues it works. */
public record UserAccount(String username, String displayName, Set<Role> roles, Set<String> queues) {

    /** The name people read: the display name, or the login when the account has none. */
    public String readableName() {
        return displayName == null || displayName.isBlank() ? username : displayName;
    }
}
