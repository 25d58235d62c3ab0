package io.omnicase.security.internal;

import org.springframework.data.repository.Repository;

import java.util.List;
import java.util.Optional;

/** The users table. */
public interface UserRows extends Repository<UserRow, String> {

    UserRow save(UserRow user);

    Optional<UserRow> findById(String username);

    Optional<UserRow> findByUsernameAndEnabledTrue(String username);

    List<UserRow> findByEnabledTrueOrderByUsername();

    long count();
}
