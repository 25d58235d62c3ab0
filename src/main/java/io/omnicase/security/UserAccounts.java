package io.omnicase.security;

import io.omnicase.security.internal.LookAlike;
import io.omnicase.security.internal.UserRow;
import io.omnicase.security.internal.UserRows;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** The users of Omnicase, stored in MariaDB with BCrypt password hashes. */
@Service
public class UserAccounts {

    private final UserRows rows;
    private final PasswordEncoder passwords;

    UserAccounts(UserRows rows, PasswordEncoder passwords) {
        this.rows = rows;
        this.passwords = passwords;
    }

    @Transactional(readOnly = true)
    public List<UserAccount> all() {
        return rows.findByEnabledTrueOrderByUsername().stream().map(UserAccounts::account).toList();
    }

    /** The enabled user with this name: what case access reads their roles and queues from. */
    @Transactional(readOnly = true)
    public Optional<UserAccount> find(String username) {
        // Exactly this name: the database would also find "sënior" or "SENIOR" for senior, and a task or case handed
        // to such a spelling would belong to nobody.
        return rows.findByUsernameAndEnabledTrue(username).filter(row -> row.username().equals(username))
                .map(UserAccounts::account);
    }

    /**
     * The name people read for a login ("Sam Senior" for senior) in what Omnicase writes for them to read; a login
     * that is no account's (the assistant, the system) or an account without a name reads as written.
     */
    @Transactional(readOnly = true)
    public String nameOf(String login) {
        if (login == null) {
            return null;
        }
        return find(login).map(UserAccount::readableName).orElse(login);
    }

    /**
     * Whether a name a customer gives (in a mail's From, a chat, a messenger profile) would pass for Omnicase's own
     * people on the pages agents and supervisors read: a staff member's name or login, or a name the product speaks
     * with ("Support", "Assistant"), compared as they look ({@link LookAlike}: other scripts' look-alike letters,
     * accents, small capitals, digits for letters, case, spaces, bidi and zero-width characters make no difference), a
     * name that holds a staff member's full name ("Sara Supervisor (team lead)") or one of the product's words as a
     * word of its own ("Omnicase Support"). Such a name is not taken; the customer is shown by address.
     */
    @Transactional(readOnly = true)
    public boolean isStaffName(String name) {
        String key = LookAlike.key(name);
        if (key.isEmpty()) {
            return false;
        }
        // A word of the name that is one of the product's ("Omnicase Support", "Support Team"); not inside a word:
        // "Systemhaus GmbH" and "Agentur Müller" are customers' names.
        List<String> words = LookAlike.wordKeys(name);
        if (PRODUCT_VOICES.stream().anyMatch(voice -> key.equals(voice) || words.contains(voice))) {
            return true;
        }
        StaffKeys staff = staffKeys();
        return staff.logins().contains(key) || staff.names().stream().anyMatch(key::contains);
    }

    /** The product's words, as {@link LookAlike} keys. */
    private static final List<String> PRODUCT_VOICES = Stream.of("Support", "Assistant", "Omnicase", "System",
            "Administrator", "Admin", "Supervisor", "Agent").map(LookAlike::key).toList();

    /**
     * Every account's login and name as {@link LookAlike} keys, read at most once a minute (and again after a save on
     * this node): each new customer's name is checked against them during intake, and the accounts rarely change.
     */
    private StaffKeys staffKeys() {
        StaffKeys cached = staffKeys;
        if (cached == null || cached.readAt().isBefore(Instant.now().minusSeconds(60))) {
            List<UserRow> all = rows.findAll();
            cached = new StaffKeys(all.stream().map(row -> LookAlike.key(row.username())).collect(Collectors.toSet()),
                    all.stream().map(row -> LookAlike.key(row.displayName())).filter(k -> !k.isEmpty()).toList(),
                    Instant.now());
            staffKeys = cached;
        }
        return cached;
    }

    private record StaffKeys(Set<String> logins, List<String> names, Instant readAt) {
    }

    private volatile StaffKeys staffKeys;

    /** After an account changed on this node: its name and login are checked against customers' names at once. */
    void forgetStaffNames() {
        staffKeys = null;
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return rows.count() == 0;
    }

    /**
     * Creates the user, or updates its name, password, roles and queues when it exists (the demo's and the initial
     * administrator's accounts; an administrator's changes go through {@link UserAdministration}, which checks them).
     */
    @Transactional
    public void save(UserAccount account, String password) {
        staffKeys = null;
        // An existing account's open sessions end: they hold the roles and password they signed in with.
        UserRow row = rows.findById(account.username()).map(UserRow::endSessions)
                .orElseGet(() -> new UserRow(account.username()));
        rows.save(row.with(account.displayName(), passwords.encode(password),
                join(account.roles().stream().map(Enum::name).collect(Collectors.toSet())), join(account.queues())));
    }

    private static UserAccount account(UserRow row) {
        return new UserAccount(row.username(), row.displayName(),
                split(row.roles()).stream().map(Role::valueOf).collect(Collectors.toSet()), split(row.queues()));
    }

    static Set<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String join(Set<String> values) {
        return String.join(",", new TreeSet<>(values));
    }
}
