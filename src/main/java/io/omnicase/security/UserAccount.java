package io.omnicase.security;

import java.util.Set;

/** A person or machine that logs in, with its roles and the queues it works. */
public record UserAccount(String username, String displayName, Set<Role> roles, Set<String> queues) {
}
