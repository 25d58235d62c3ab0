package io.omnicase.security.web;

import io.omnicase.security.Role;

import java.util.EnumSet;
import java.util.Set;

import static io.omnicase.security.Role.ADMIN;
import static io.omnicase.security.Role.AGENT;
import static io.omnicase.security.Role.AUDITOR;
import static io.omnicase.security.Role.DESIGNER;
import static io.omnicase.security.Role.SUPERVISOR;

/**
 * The pages a person can open, and the roles each is for: the one list the front end's navigation, the start page and
 * the "not for your role" notices are built from. It mirrors the API's rules (SecurityConfiguration), which stay the
 * boundary: a page listed here only shows what its API lets the user read.
 */
public enum OmnicasePage {

    DESK("desk", "Agent desk", "/desk.html", "Your queues, the cases you work, live messages and the assistant's handover.",
            false, EnumSet.of(AGENT, SUPERVISOR, ADMIN)),
    ROUTING_RULES("routing-rules", "Routing rules", "/routing-rules.html",
            "The rule table that decides self-service or escalation, queue and priority; versions and rollback.",
            false, EnumSet.of(SUPERVISOR, ADMIN, AUDITOR)),
    SUPERVISOR_FLOOR("supervisor", "Live floor", "/supervisor.html",
            "Queues, agents and live conversations as they happen; alerts; reassign and reprioritise.",
            false, EnumSet.of(SUPERVISOR, ADMIN)),
    COACHING("coaching", "Coaching", "/coaching.html",
            "Per agent and topic: handled, handle time, first-contact resolution, quality; moments worth a talk.",
            false, EnumSet.of(SUPERVISOR, ADMIN)),
    TAUGHT_EXAMPLES("examples", "Taught examples", "/examples.html",
            "What people taught the assistant, who taught it and when; review an agent's example, or remove one.",
            false, EnumSet.of(AGENT, SUPERVISOR, ADMIN)),
    DESIGNER_PAGE("designer", "Process designer", "/designer.html",
            "Edit the case process and its forms, deploy a new version, compare versions, roll back, migrate cases.",
            false, EnumSet.of(DESIGNER, ADMIN, AUDITOR)),
    AUDIT("audit", "Audit trail", "/audit.html",
            "Trace a case or customer end to end, verify the tamper-evident chain, export; erase a customer's data.",
            false, EnumSet.of(AUDITOR, ADMIN)),
    TASKLIST("tasklist", "Tasklist", "/camunda/app/tasklist/default/", "Camunda's task list of escalated cases.",
            true, EnumSet.of(AGENT, SUPERVISOR, ADMIN)),
    COCKPIT("cockpit", "Cockpit", "/camunda/app/cockpit/default/", "Camunda's view of the running case processes.",
            true, EnumSet.of(SUPERVISOR, DESIGNER, AUDITOR, ADMIN)),
    USERS("users", "Users and queues", "/users.html",
            "Add people and channel gateways, give them roles and queues, reset a password, disable or unlock an account.",
            false, EnumSet.of(ADMIN)),
    ADMIN_APP("admin", "Camunda admin", "/camunda/app/admin/default/",
            "Process authorizations and Camunda's system settings. Accounts are kept on Users and queues.",
            true, EnumSet.of(ADMIN)),
    API_DOCS("api-docs", "API", "/swagger-ui.html", "The REST API's documentation: intake, cases, customers, search.",
            true, EnumSet.of(AGENT, SUPERVISOR, DESIGNER, AUDITOR, ADMIN));

    private final String id;
    private final String title;
    private final String href;
    private final String description;
    private final boolean external;
    private final Set<Role> roles;

    OmnicasePage(String id, String title, String href, String description, boolean external, Set<Role> roles) {
        this.id = id;
        this.title = title;
        this.href = href;
        this.description = description;
        this.external = external;
        this.roles = roles;
    }

    public boolean isFor(Set<Role> userRoles) {
        return userRoles.stream().anyMatch(roles::contains);
    }

    public PageLink link() {
        return new PageLink(id, title, href, description, external);
    }

    /** The page as this user sees it: a reader (an auditor on the designer, say) is told what they can do there. */
    public PageLink link(Set<Role> userRoles) {
        String forReaders = READERS.get(this);
        boolean onlyReads = forReaders != null && userRoles.stream().noneMatch(role -> role == ADMIN
                || roles.contains(role) && role != AUDITOR);
        String forAgents = FOR_AGENTS.get(this);
        if (forAgents != null && userRoles.contains(AGENT) && !userRoles.contains(SUPERVISOR) && !userRoles.contains(ADMIN)) {
            return new PageLink(id, title, href, forAgents, external);
        }
        return new PageLink(id, title, href, onlyReads ? forReaders : description, external);
    }

    /** What a reader (AUDITOR) does on the pages others change. */
    private static final java.util.Map<OmnicasePage, String> READERS = java.util.Map.of(
            ROUTING_RULES, "The rule table that decides self-service or escalation, queue and priority; every version and "
                    + "its changes, read only.",
            DESIGNER_PAGE, "The case process and its forms, every version, and what changed between them, read only.",
            AUDIT, "Trace a case or customer end to end, verify the tamper-evident chain, export it.");

    /** What an agent does on the pages supervisors curate. */
    private static final java.util.Map<OmnicasePage, String> FOR_AGENTS = java.util.Map.of(
            TAUGHT_EXAMPLES, "The questions and answers you taught the assistant, and whether a supervisor reviewed them; "
                    + "remove one of yours.");

    /** A page as the front end shows it; {@code external} for Camunda's webapps and the API documentation. */
    public record PageLink(String id, String title, String href, String description, boolean external) {
    }
}
