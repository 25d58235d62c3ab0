package io.omnicase.security.internal;

import io.omnicase.security.Role;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import java.util.Set;

/** A new production installation gets one administrator, with the password its operator set; never a default one. */
@Component
class InitialAdmin implements ApplicationRunner {

    private final UserAccounts users;
    private final String password;

    InitialAdmin(UserAccounts users, @Value("${omnicase.security.initial-admin-password:}") String password) {
        this.users = users;
        this.password = password;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!password.isBlank() && users.isEmpty()) {
            users.save(new UserAccount("admin", "Administrator", Set.of(Role.ADMIN), Set.of()), password);
        }
    }
}
