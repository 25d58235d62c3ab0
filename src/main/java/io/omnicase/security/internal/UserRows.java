package io.omnicase.security.internal;

import org.springframework.data.jpa.repository.Query;
import org.springframework.data.repository.Repository;
import org.springframework.data.repository.query.Param;

import java.util.List;
import java.util.Optional;

/** The users table. */
public interface UserRows extends Repository<UserRow, String> {

    UserRow save(UserRow user);

    Optional<UserRow> findById(String username);

    // Queries as JPQL text rather than derived from the method names: a derived query is a criteria query, which
    // Hibernate translates again on every call (a third of the CPU of GET /api/me); a JPQL text's plan is cached.
    @Query("select u from UserRow u where u.username = :username and u.enabled = true")
    Optional<UserRow> findByUsernameAndEnabledTrue(@Param("username") String username);

    /** The account of this login as stored (the caller compares the stored name: the database ignores case and accents). */
    @Query("select u from UserRow u where u.username = :username")
    Optional<UserRow> findExactly(@Param("username") String username);

    @Query("select u from UserRow u where u.enabled = true order by u.username")
    List<UserRow> findByEnabledTrueOrderByUsername();

    /** Every account, disabled ones too: a former colleague's name still reads as staff to a customer's agent. */
    @Query("select u from UserRow u")
    List<UserRow> findAll();

    long count();
}
