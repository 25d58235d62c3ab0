package io.omnicase.process.internal;

import io.omnicase.security.Role;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Mirrors Omnicase's users into Camunda's identity service: a group per role and per queue, so that candidate groups,
 * Tasklist filters and Camunda authorizations work for the users Spring Security logs in.
 */
@Component
class CamundaIdentitySync {

    private final UserAccounts accounts;
    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(CamundaIdentitySync.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;

    CamundaIdentitySync(UserAccounts accounts, IdentityService identity, AuthorizationService authorizations,
                        FilterService filters, TaskService tasks) {
        this.tasks = tasks;
        this.accounts = accounts;
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(10)
    void synchronise() {
        for (UserAccount account : accounts.all()) {
            try {
                synchronise(account);
            } catch (org.camunda.bpm.engine.ProcessEngineException refused) {
                // One account Camunda cannot take (an id outside its resource pattern) must not stop the application:
                // that user works in Omnicase's own pages, not in Tasklist.
                log.warn("User {} is not synchronised to Camunda's webapps: {}", account.username(), refused.getMessage());
            }
        }
        grantRoleAuthorizations();
        ensureTasklistFilters();
    }

    /**
     * An administrator's change, in its transaction: Tasklist's candidate groups and Camunda's authorizations follow the
     * account's roles and queues at once; a disabled account keeps its Camunda user (tasks and history name it) but
     * belongs to no group.
     */
    @EventListener
    void on(io.omnicase.security.UserAccountChanged changed) {
        if ("unlocked".equals(changed.change())) {
            return;
        }
        UserAccount account = changed.account();
        synchronise(changed.enabled() ? account
                : new UserAccount(account.username(), account.displayName(), Set.of(), Set.of()));
    }

    private void synchronise(UserAccount account) {
        User user = identity.createUserQuery().userId(account.username()).singleResult();
        if (user == null) {
            user = identity.newUser(account.username());
            // Nobody logs in to Camunda with this password: the login is Omnicase's.
            user.setPassword(randomPassword());
        }
        user.setFirstName(account.displayName());
        user.setLastName("");
        identity.saveUser(user);
        Set<String> wanted = groupsOf(account);
        Set<String> current = new HashSet<>();
        identity.createGroupQuery().groupMember(account.username()).list().forEach(g -> current.add(g.getId()));
        for (String group : wanted) {
            ensureGroup(group);
            if (!current.contains(group)) {
                identity.createMembership(account.username(), group);
            }
        }
        current.stream().filter(g -> !wanted.contains(g)).forEach(g -> identity.deleteMembership(account.username(), g));
    }

    static Set<String> groupsOf(UserAccount account) {
        Set<String> groups = new HashSet<>(account.queues());
        account.roles().forEach(r -> groups.add(r.name().toLowerCase(Locale.ROOT)));
        if (account.roles().contains(Role.ADMIN)) {
            groups.add(Groups.CAMUNDA_ADMIN);
        }
        return groups;
    }

    private void ensureGroup(String id) {
        if (identity.createGroupQuery().groupId(id).singleResult() == null) {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(id.equals(Groups.CAMUNDA_ADMIN) ? Groups.GROUP_TYPE_SYSTEM : Groups.GROUP_TYPE_WORKFLOW);
            identity.saveGroup(group);
        }
    }

    private void grantRoleAuthorizations() {
        for (Resources resource : Resources.values()) {
            grant(Groups.CAMUNDA_ADMIN, resource, "*", Permissions.ALL);
        }
        for (Role role : Role.values()) {
            // The webapps look the logged-in user up with the identity service, under that user's authorizations.
            String group = role.name().toLowerCase(Locale.ROOT);
            grant(group, Resources.USER, "*", Permissions.READ);
            grant(group, Resources.GROUP, "*", Permissions.READ);
        }
        // Agents see and work only the tasks of their queues: the engine grants READ and TASK_WORK on each task to
        // its candidate groups and its assignee (EngineHardening). Supervisors see and work every task.
        for (String worker : new String[]{"agent", "supervisor"}) {
            grant(worker, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(worker, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
            grant(worker, Resources.FILTER, "*", Permissions.READ);
        }
        grant("supervisor", Resources.TASK, "*", Permissions.READ, Permissions.UPDATE,
                org.camunda.bpm.engine.authorization.TaskPermissions.TASK_WORK);
        grant("supervisor", Resources.PROCESS_DEFINITION, "*", Permissions.READ_TASK, Permissions.UPDATE_TASK);
        revoke("agent", Resources.TASK, "*");
        revoke("agent", Resources.PROCESS_DEFINITION, "*", Permissions.READ_TASK, Permissions.UPDATE_TASK);
        for (String watcher : new String[]{"supervisor", "designer", "auditor"}) {
            grant(watcher, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
            grant(watcher, Resources.PROCESS_DEFINITION, "*", Permissions.READ);
            grant(watcher, Resources.DEPLOYMENT, "*", Permissions.READ);
            grant(watcher, Resources.DECISION_DEFINITION, "*", Permissions.READ);
        }
        // Instances, their variables and history are cases: supervisors and auditors read every case, designers none
        // (they see models and deployments; databases of earlier versions granted them instances too).
        for (String reader : new String[]{"supervisor", "auditor"}) {
            grant(reader, Resources.PROCESS_DEFINITION, "*", Permissions.READ_HISTORY, Permissions.READ_INSTANCE);
            grant(reader, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
            grant(reader, Resources.DECISION_DEFINITION, "*", Permissions.READ_HISTORY);
        }
        revoke("designer", Resources.PROCESS_DEFINITION, "*", Permissions.READ_HISTORY, Permissions.READ_INSTANCE);
        revoke("designer", Resources.PROCESS_INSTANCE, "*");
        revoke("designer", Resources.DECISION_DEFINITION, "*", Permissions.READ_HISTORY);
        // Deploying is ADMIN's until the designer's guarded door exists; databases of earlier versions held the grant.
        revoke("designer", Resources.DEPLOYMENT, "*", Permissions.CREATE, Permissions.DELETE);
    }

    /** Takes permissions back from a group's grant (all of them, and the grant, when none are named). */
    private void revoke(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).singleResult();
        if (existing == null) {
            return;
        }
        if (permissions.length == 0) {
            authorizations.deleteAuthorization(existing.getId());
            return;
        }
        for (Permission permission : permissions) {
            existing.removePermission(permission);
        }
        authorizations.saveAuthorization(existing);
    }

    private void grant(String group, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing
                : authorizations.createNewAuthorization(Authorization.AUTH_TYPE_GRANT);
        authorization.setGroupId(group);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void ensureTasklistFilters() {
        // Each by its name, so that an installation made before a filter existed gets it at its next start.
        if (filters.createFilterQuery().filterName("My queues").count() == 0) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", "Tasks of the queues I work, most urgent first");
            properties.put("priority", -10);
            filters.saveFilter(filters.newTaskFilter("My queues").setProperties(properties)
                    .setQuery(tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
                            .includeAssignedTasks().orderByTaskPriority().desc()));
        }
        if (filters.createFilterQuery().filterName("My tasks").count() == 0) {
            filters.saveFilter(filters.newTaskFilter("My tasks").setProperties(Map.of("priority", -5))
                    .setQuery(tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")));
        }
        // An admin works no queue, so "My queues" is empty for them; the engine still shows each user only the tasks
        // they may read (an agent's are their queues' tasks, the same as "My queues").
        if (filters.createFilterQuery().filterName("All open tasks").count() == 0) {
            Map<String, Object> properties = new LinkedHashMap<>();
            properties.put("description", "Every open task you may see, most urgent first");
            properties.put("priority", 0);
            filters.saveFilter(filters.newTaskFilter("All open tasks").setProperties(properties)
                    .setQuery(tasks.createTaskQuery().orderByTaskPriority().desc()));
        }
    }

    private static String randomPassword() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }
}
