package io.omnicase.security;

import io.omnicase.http.ConflictException;
import io.omnicase.http.InvalidFieldException;
import io.omnicase.http.InvalidFieldException.FieldError;
import io.omnicase.http.NotFoundException;
import io.omnicase.security.internal.LoginThrottle;
import io.omnicase.security.internal.UserRow;
import io.omnicase.security.internal.UserRows;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * What an administrator does to accounts: add one, change its name, roles and queues, set a new password, disable or
 * enable it, lift a lockout of failed sign-ins. Every rule is checked here, whoever calls: a login Camunda's webapps and
 * Spring Security both take, an agent who works at least one queue, a channel gateway that is only a gateway, a password
 * BCrypt reads whole, and an installation that keeps an administrator (nobody takes their own ADMIN role or disables
 * themselves). A change to roles, password or whether the account is enabled ends the account's open sessions at their
 * next request ({@link UserRow#endSessions()}); queues are read from the account at every case access and take effect at
 * once. Each change is published as {@link UserAccountChanged} in its transaction.
 */
@Service
public class UserAdministration {

    /** A login: lower case, as every page, record and Camunda group shows it; no spaces or look-alike letters. */
    static final Pattern USERNAME = Pattern.compile("[a-z][a-z0-9._-]{1,39}");
    static final int MAX_DISPLAY_NAME = 100;
    /** Three combining marks in a row: text stacked over its neighbours' lines. */
    private static final Pattern STACKED_MARKS = Pattern.compile("\\p{M}{3,}");
    static final int MIN_PASSWORD = 12;
    /** BCrypt reads 72 bytes; a longer password would be cut without a word, so it is refused. */
    static final int MAX_PASSWORD_BYTES = 72;

    private final UserRows rows;
    private final UserAccounts accounts;
    private final PasswordEncoder passwords;
    private final LoginThrottle throttle;
    /** Routing's queues; a module test that starts security without routing knows none. */
    private final org.springframework.beans.factory.ObjectProvider<QueueCatalog> queueCatalog;
    private final ApplicationEventPublisher events;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    UserAdministration(UserRows rows, UserAccounts accounts, PasswordEncoder passwords, LoginThrottle throttle,
                       org.springframework.beans.factory.ObjectProvider<QueueCatalog> queueCatalog,
                       ApplicationEventPublisher events, org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.rows = rows;
        this.accounts = accounts;
        this.passwords = passwords;
        this.throttle = throttle;
        this.queueCatalog = queueCatalog;
        this.events = events;
        this.jdbc = jdbc;
    }

    /** Every account, disabled ones too, by login. */
    @Transactional(readOnly = true)
    public List<ManagedUser> all() {
        return rows.findAll().stream().sorted(Comparator.comparing(UserRow::username)).map(this::managed).toList();
    }

    /** The queues an account may work. */
    public List<String> queues() {
        QueueCatalog catalog = queueCatalog.getIfAvailable();
        return catalog == null ? List.of() : catalog.queues();
    }

    @Transactional
    public ManagedUser create(String username, String displayName, Set<Role> roles, Set<String> queues, String password,
                              String by) {
        List<FieldError> errors = new ArrayList<>();
        if (username == null || !USERNAME.matcher(username).matches()) {
            errors.add(new FieldError("username", "2 to 40 characters: lower-case letters, digits, '.', '_' or '-', "
                    + "starting with a letter"));
        }
        checkProfile(username, displayName, roles, queues, errors);
        checkPassword(password, username, errors);
        if (!errors.isEmpty()) {
            throw new InvalidFieldException(errors);
        }
        // The database compares names without regard to case or accents: "Agent" would find agent.
        if (rows.findById(username).isPresent()) {
            throw new ConflictException("A user named " + username + " exists already");
        }
        UserRow row = rows.save(new UserRow(username).with(displayName.strip(), passwords.encode(password),
                join(roles.stream().map(Enum::name).toList()), join(queues)));
        return changed(row, "created", by);
    }

    /**
     * Name, roles and queues. Ends the account's sessions when its roles or queues changed (a session holds the roles it
     * began with; Tasklist the groups).
     */
    @Transactional
    public ManagedUser update(String username, String displayName, Set<Role> roles, Set<String> queues, String by) {
        UserRow row = existing(username);
        List<FieldError> errors = new ArrayList<>();
        checkProfile(username, displayName, roles, queues, errors);
        if (username.equals(by) && rolesOf(row).contains(Role.ADMIN) && roles != null && !roles.contains(Role.ADMIN)) {
            errors.add(new FieldError("roles", "You cannot take your own ADMIN role: another administrator can"));
        }
        if (!errors.isEmpty()) {
            throw new InvalidFieldException(errors);
        }
        boolean rolesChanged = !rolesOf(row).equals(roles);
        boolean queuesChanged = !UserAccounts.split(row.queues()).equals(new TreeSet<>(queues));
        if (rolesChanged && rolesOf(row).contains(Role.ADMIN) && !roles.contains(Role.ADMIN) && row.enabled()) {
            keepAnAdministrator(username);
        }
        row.withProfile(displayName.strip(), join(roles.stream().map(Enum::name).toList()), join(queues));
        // Queues too: Omnicase's pages read them at every request, but Camunda's Tasklist keeps a session's groups for
        // minutes (probe, 5 December: an agent moved off billing still listed its tasks there).
        if (rolesChanged || queuesChanged) {
            row.endSessions();
        }
        return changed(rows.save(row), "profile", by);
    }

    /** A new password; the account's open sessions end. */
    @Transactional
    public ManagedUser setPassword(String username, String password, String by) {
        UserRow row = existing(username);
        List<FieldError> errors = new ArrayList<>();
        checkPassword(password, username, errors);
        if (!errors.isEmpty()) {
            throw new InvalidFieldException(errors);
        }
        row.withPasswordHash(passwords.encode(password)).endSessions();
        return changed(rows.save(row), "password", by);
    }

    /** Disabling ends the account's open sessions and refuses its sign-ins; enabling lets it sign in again. */
    @Transactional
    public ManagedUser setEnabled(String username, boolean enabled, String by) {
        UserRow row = existing(username);
        if (row.enabled() == enabled) {
            return managed(row);
        }
        if (!enabled) {
            if (username.equals(by)) {
                throw new InvalidFieldException("enabled", "You cannot disable your own account: another administrator can");
            }
            if (rolesOf(row).contains(Role.ADMIN)) {
                keepAnAdministrator(username);
            }
        }
        row.withEnabled(enabled).endSessions();
        return changed(rows.save(row), enabled ? "enabled" : "disabled", by);
    }

    /** Forgets the failed sign-ins that hold the account back (on this node; each node counts its own). */
    @Transactional
    public ManagedUser unlock(String username, String by) {
        UserRow row = existing(username);
        throttle.unlock(username);
        return changed(row, "unlocked", by);
    }

    private void checkProfile(String username, String displayName, Set<Role> roles, Set<String> queues,
                              List<FieldError> errors) {
        String name = displayName == null ? "" : displayName.strip();
        if (name.isEmpty() || name.codePointCount(0, name.length()) > MAX_DISPLAY_NAME) {
            errors.add(new FieldError("displayName", "1 to " + MAX_DISPLAY_NAME + " characters"));
        } else if (name.codePoints().anyMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT)) {
            errors.add(new FieldError("displayName", "Letters, digits, spaces and punctuation only: no control or invisible characters"));
        } else if (io.omnicase.security.internal.LookAlike.key(name).isEmpty()) {
            errors.add(new FieldError("displayName", "A name people can read: it shows no letter or digit"));
        } else if (STACKED_MARKS.matcher(java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFC)).find()) {
            errors.add(new FieldError("displayName", "At most two accents on one letter"));
        } else {
            // Colleagues tell people apart by name on every page ("Held by", the floor's agents): no second "Sara
            // Supervisor", nor one in Cyrillic letters.
            String key = io.omnicase.security.internal.LookAlike.key(name);
            rows.findAll().stream().filter(row -> !row.username().equals(username))
                    .filter(row -> io.omnicase.security.internal.LookAlike.key(row.displayName()).equals(key)).findFirst()
                    .ifPresent(row -> errors.add(new FieldError("displayName",
                            "Reads the same as " + row.username() + "'s name: choose one colleagues can tell apart")));
        }
        if (roles == null || roles.isEmpty()) {
            errors.add(new FieldError("roles", "Choose at least one role"));
        } else if (roles.stream().anyMatch(Objects::isNull)) {
            errors.add(new FieldError("roles", "A role is one of " + java.util.Arrays.toString(Role.values())));
        } else if (roles.contains(Role.CHANNEL) && roles.size() > 1) {
            errors.add(new FieldError("roles", "A channel gateway is a machine: CHANNEL cannot be combined with a person's roles"));
        }
        if (queues == null) {
            errors.add(new FieldError("queues", "Give the queues as a list (it may be empty)"));
            return;
        }
        List<String> known = queues();
        if (queues.stream().anyMatch(Objects::isNull)) {
            errors.add(new FieldError("queues", "A queue is one of " + String.join(", ", known)));
            return;
        }
        queues.stream().filter(queue -> !known.contains(queue)).findFirst().ifPresent(queue ->
                errors.add(new FieldError("queues", "No queue is named '" + queue + "': the queues are " + String.join(", ", known))));
        if (roles != null && roles.contains(Role.AGENT) && !roles.contains(Role.SUPERVISOR) && !roles.contains(Role.ADMIN)
                && queues.isEmpty()) {
            errors.add(new FieldError("queues", "An agent works at least one queue: without one they see no case"));
        }
        if (roles != null && roles.contains(Role.CHANNEL) && !queues.isEmpty()) {
            errors.add(new FieldError("queues", "A channel gateway works no queue"));
        }
    }

    private static void checkPassword(String password, String username, List<FieldError> errors) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_PASSWORD) {
            errors.add(new FieldError("password", "At least " + MIN_PASSWORD + " characters"));
        } else if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            errors.add(new FieldError("password", "At most " + MAX_PASSWORD_BYTES + " bytes (BCrypt reads no more)"));
        } else if (password.isBlank()) {
            errors.add(new FieldError("password", "Not only spaces"));
        } else if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
            errors.add(new FieldError("password", "The password must not contain the login"));
        }
    }

    private void keepAnAdministrator(String leaving) {
        // A locking read of every enabled administrator: two administrators disabling each other at once are taken one
        // after the other, and the second sees the first's change (probe, 5 December: both were disabled).
        boolean another = jdbc.sql("SELECT username, roles FROM users WHERE enabled = TRUE ORDER BY username FOR UPDATE")
                .query((rs, n) -> !rs.getString(1).equals(leaving)
                        && UserAccounts.split(rs.getString(2)).contains(Role.ADMIN.name()))
                .list().contains(true);
        if (!another) {
            throw new ConflictException("This is the last enabled administrator: make another one first");
        }
    }

    private UserRow existing(String username) {
        // Exactly this login: the database compares without regard to case, accents and trailing spaces, so "ADMIN",
        // "ádmin" or "admin " would find admin, and every rule below that compares logins (one's own account, the last
        // administrator) would be passed by another spelling (probe, 5 December). A login is only ever what USERNAME
        // allows; the stored row's own name is checked too, read by a query (findById answers with the id it was given).
        if (username == null || !USERNAME.matcher(username).matches()) {
            throw new NotFoundException("No user is named " + username);
        }
        return rows.findExactly(username).filter(row -> row.username().equals(username))
                .orElseThrow(() -> new NotFoundException("No user is named " + username));
    }

    private ManagedUser changed(UserRow row, String change, String by) {
        accounts.forgetStaffNames();
        ManagedUser user = managed(row);
        events.publishEvent(new UserAccountChanged(user.username(), change, user.displayName(), user.roles(),
                user.queues(), user.enabled(), by, Instant.now()));
        return user;
    }

    private ManagedUser managed(UserRow row) {
        return new ManagedUser(row.username(), row.displayName(), rolesOf(row), UserAccounts.split(row.queues()),
                row.enabled(), throttle.lockedFor(row.username()));
    }

    private static Set<Role> rolesOf(UserRow row) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        UserAccounts.split(row.roles()).forEach(name -> roles.add(Role.valueOf(name)));
        return roles;
    }

    private static String join(java.util.Collection<String> values) {
        return String.join(",", new TreeSet<>(values));
    }
}
