package io.omnicase.security;

import io.omnicase.security.internal.UserRow;
import io.omnicase.security.internal.UserRows;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

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

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return rows.count() == 0;
    }

    /** Creates the user, or updates its name, password, roles and queues when it exists. */
    @Transactional
    public void save(UserAccount account, String password) {
        rows.save(rows.findById(account.username()).orElseGet(() -> new UserRow(account.username()))
                .with(account.displayName(), passwords.encode(password),
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
