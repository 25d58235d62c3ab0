package io.omnicase.security.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A row of {@code users} (V1): roles and queues are comma-separated, the password a BCrypt hash. */
@Entity
@Table(name = "users")
public class UserRow {

    @Id
    @Column(length = 100)
    private String username;

    @Column(name = "password_hash", nullable = false, length = 200)
    private String passwordHash;

    @Column(name = "display_name", nullable = false, length = 200)
    private String displayName;

    @Column(nullable = false, length = 200)
    private String roles;

    @Column(nullable = false, length = 200)
    private String queues;

    @Column(nullable = false)
    private boolean enabled;

    /** Counted up by each change that ends the account's open sessions (V76). */
    @Column(name = "session_generation", nullable = false)
    private int sessionGeneration;

    protected UserRow() {
    }

    /** A new, enabled user. */
    public UserRow(String username) {
        this.username = username;
        this.enabled = true;
    }

    /** Sets the name, password hash, roles and queues; whether the user is enabled stays as it is. */
    public UserRow with(String displayName, String passwordHash, String roles, String queues) {
        return withProfile(displayName, roles, queues).withPasswordHash(passwordHash);
    }

    public String username() {
        return username;
    }

    public String displayName() {
        return displayName;
    }

    public String roles() {
        return roles;
    }

    public String queues() {
        return queues;
    }

    public String passwordHash() {
        return passwordHash;
    }

    public boolean enabled() {
        return enabled;
    }

    public int sessionGeneration() {
        return sessionGeneration;
    }

    /** Sets the name, roles and queues; the password stays. */
    public UserRow withProfile(String displayName, String roles, String queues) {
        this.displayName = displayName;
        this.roles = roles;
        this.queues = queues;
        return this;
    }

    public UserRow withPasswordHash(String passwordHash) {
        this.passwordHash = passwordHash;
        return this;
    }

    public UserRow withEnabled(boolean enabled) {
        this.enabled = enabled;
        return this;
    }

    /** Ends every session signed in before now, at its next request. */
    public UserRow endSessions() {
        this.sessionGeneration++;
        return this;
    }
}
