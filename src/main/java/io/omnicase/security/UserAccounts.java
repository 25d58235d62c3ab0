package io.omnicase.security;

import org.springframework.jdbc.core.simple.JdbcClient;
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

    private final JdbcClient jdbc;
    private final PasswordEncoder passwords;

    UserAccounts(JdbcClient jdbc, PasswordEncoder passwords) {
        this.jdbc = jdbc;
        this.passwords = passwords;
    }

    @Transactional(readOnly = true)
    public List<UserAccount> all() {
        return jdbc.sql("SELECT username, display_name, roles, queues FROM users WHERE enabled ORDER BY username")
                .query((rs, n) -> new UserAccount(rs.getString(1), rs.getString(2),
                        split(rs.getString(3)).stream().map(Role::valueOf).collect(Collectors.toSet()),
                        split(rs.getString(4))))
                .list();
    }

    /** The enabled user with this name: what case access reads their roles and queues from. */
    @Transactional(readOnly = true)
    public Optional<UserAccount> find(String username) {
        return jdbc.sql("SELECT username, display_name, roles, queues FROM users WHERE username = ? AND enabled")
                .param(username)
                .query((rs, n) -> new UserAccount(rs.getString(1), rs.getString(2),
                        split(rs.getString(3)).stream().map(Role::valueOf).collect(Collectors.toSet()),
                        split(rs.getString(4))))
                .optional();
    }

    @Transactional(readOnly = true)
    public boolean isEmpty() {
        return jdbc.sql("SELECT COUNT(*) FROM users").query(Integer.class).single() == 0;
    }

    /** Creates the user, or updates its name, password, roles and queues when it exists. */
    @Transactional
    public void save(UserAccount account, String password) {
        jdbc.sql("INSERT INTO users (username, password_hash, display_name, roles, queues) VALUES (?, ?, ?, ?, ?) "
                        + "ON DUPLICATE KEY UPDATE password_hash = VALUES(password_hash), display_name = VALUES(display_name), "
                        + "roles = VALUES(roles), queues = VALUES(queues)")
                .params(account.username(), passwords.encode(password), account.displayName(),
                        join(account.roles().stream().map(Enum::name).collect(Collectors.toSet())), join(account.queues()))
                .update();
    }

    static Set<String> split(String csv) {
        return Arrays.stream(csv.split(",")).map(String::strip).filter(s -> !s.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static String join(Set<String> values) {
        return String.join(",", new TreeSet<>(values));
    }
}
