package io.omnicase.security.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.security.Role;
import io.omnicase.security.UserAccounts;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Who is signed in: name, roles and the pages those roles may open. The front end's shell asks this once per page, to
 * draw its navigation and to tell a role plainly what a page is not for. A member of staff also gets their colleagues'
 * names, so that pages name people ("Held by Sam Senior") where the records keep logins.
 */
@RestController
class MeController {

    private final UserAccounts accounts;

    MeController(UserAccounts accounts) {
        this.accounts = accounts;
    }

    @Operation(summary = "Who you are: name, roles and the pages you may open")
    @GetMapping("/api/me")
    Me me(Authentication user) {
        // The roles the request was authenticated with (what the API will let it do), not a second lookup's.
        Set<Role> roles = EnumSet.noneOf(Role.class);
        user.getAuthorities().stream().map(GrantedAuthority::getAuthority)
                .filter(authority -> authority.startsWith("ROLE_"))
                .map(authority -> authority.substring("ROLE_".length()))
                .filter(name -> Arrays.stream(Role.values()).anyMatch(role -> role.name().equals(name)))
                .map(Role::valueOf)
                .forEach(roles::add);
        String displayName = accounts.nameOf(user.getName());
        List<OmnicasePage.PageLink> pages = Arrays.stream(OmnicasePage.values())
                .filter(page -> page.isFor(roles)).map(page -> page.link(roles)).toList();
        // A channel gateway is a machine: it reads no page, and the staff list is none of its business.
        List<Person> people = roles.stream().anyMatch(role -> role != Role.CHANNEL)
                ? accounts.all().stream().map(account -> new Person(account.username(), account.readableName())).toList()
                : List.of();
        return new Me(user.getName(), displayName, List.copyOf(roles), pages, people);
    }

    record Me(String username, String displayName, List<Role> roles, List<OmnicasePage.PageLink> pages,
              List<Person> people) {
    }

    /** A colleague: the login the records keep, and the name pages show for it. */
    record Person(String username, String displayName) {
    }
}
