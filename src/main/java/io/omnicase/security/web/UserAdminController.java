package io.omnicase.security.web;

import io.omnicase.security.ManagedUser;
import io.omnicase.security.Role;
import io.omnicase.security.UserAdministration;
import io.swagger.v3.oas.annotations.Operation;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * The administrators' page of accounts ("Users and queues"): who may sign in, with which roles and queues. ADMIN only
 * (SecurityConfiguration: every /api path not named otherwise). Camunda's own user pages do not reach Omnicase's
 * accounts; they are refused, and this is where accounts are kept.
 */
@RestController
class UserAdminController {

    private final UserAdministration administration;

    UserAdminController(UserAdministration administration) {
        this.administration = administration;
    }

    @Operation(summary = "Every account (disabled ones too), the roles and the queues an account may be given")
    @GetMapping("/api/admin/users")
    Users users(Principal admin) {
        return new Users(administration.all().stream().map(UserView::of).toList(),
                Arrays.stream(Role.values()).map(role -> new RoleView(role, RoleView.describe(role))).toList(),
                administration.queues(), admin.getName());
    }

    @Operation(summary = "Add an account")
    @PostMapping(path = "/api/admin/users", consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    UserView create(@RequestBody NewUser request, Principal admin) {
        return UserView.of(administration.create(request.username(), request.displayName(), request.roles(),
                request.queues(), request.password(), admin.getName()));
    }

    @Operation(summary = "Change an account's name, roles and queues (a change of roles ends its open sessions)")
    @PutMapping(path = "/api/admin/users/{username}", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView update(@PathVariable String username, @RequestBody Profile request, Principal admin) {
        return UserView.of(administration.update(username, request.displayName(), request.roles(), request.queues(),
                admin.getName()));
    }

    @Operation(summary = "Set a new password (the account's open sessions end)")
    @PostMapping(path = "/api/admin/users/{username}/password", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView password(@PathVariable String username, @RequestBody NewPassword request, Principal admin) {
        return UserView.of(administration.setPassword(username, request.password(), admin.getName()));
    }

    @Operation(summary = "Disable (its open sessions end) or enable an account")
    @PostMapping(path = "/api/admin/users/{username}/enabled", consumes = MediaType.APPLICATION_JSON_VALUE)
    UserView enabled(@PathVariable String username, @RequestBody Enabled request, Principal admin) {
        if (request.enabled() == null) {
            throw new io.omnicase.http.InvalidFieldException("enabled", "true or false");
        }
        return UserView.of(administration.setEnabled(username, request.enabled(), admin.getName()));
    }

    @Operation(summary = "Lift the lockout that failed sign-ins put on an account (on this node)")
    @PostMapping("/api/admin/users/{username}/unlock")
    UserView unlock(@PathVariable String username, Principal admin) {
        return UserView.of(administration.unlock(username, admin.getName()));
    }

    record Users(List<UserView> users, List<RoleView> roles, List<String> queues, String you) {
    }

    record RoleView(Role name, String description) {

        static String describe(Role role) {
            return switch (role) {
                case AGENT -> "Works cases of their queues: desk, replies, resolution";
                case SUPERVISOR -> "Watches and steers every queue, edits routing rules, works cases too";
                case DESIGNER -> "Edits and deploys the case process and its forms";
                case AUDITOR -> "Reads every case, decision and change; changes nothing";
                case ADMIN -> "Runs the installation: accounts, rule text, everything";
                case CHANNEL -> "A channel gateway (a machine): posts customers' messages, nothing else";
            };
        }
    }

    record UserView(String username, String displayName, Set<Role> roles, Set<String> queues, boolean enabled,
                    Long lockedForSeconds) {

        static UserView of(ManagedUser user) {
            long seconds = user.lockedFor().toSeconds() + (user.lockedFor().toNanosPart() > 0 ? 1 : 0);
            return new UserView(user.username(), user.displayName(), user.roles(), user.queues(), user.enabled(),
                    user.lockedFor().isZero() ? null : seconds);
        }
    }

    record NewUser(String username, String displayName, Set<Role> roles, Set<String> queues, String password) {
    }

    record Profile(String displayName, Set<Role> roles, Set<String> queues) {
    }

    record NewPassword(String password) {
    }

    record Enabled(Boolean enabled) {
    }
}
