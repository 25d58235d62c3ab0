package io.omnicase.security;

import java.time.Duration;
import java.util.Set;

/**
 * An account as its administrator sees it: disabled accounts too, and how long failed sign-ins still hold it back
 * ({@code lockedFor} zero when they do not).
 */
public record ManagedUser(String username, String displayName, Set<Role> roles, Set<String> queues, boolean enabled,
                          Duration lockedFor) {
}
