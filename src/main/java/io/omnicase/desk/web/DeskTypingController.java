package io.omnicase.desk.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.cases.CaseAccess;
import io.omnicase.cases.CaseId;
import io.omnicase.desk.AgentTyping;
import io.omnicase.security.UserAccount;
import io.omnicase.security.UserAccounts;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * The agent's reply box tells the customer's chat widget that someone is typing: the desk calls this every few
 * seconds while the agent types. Only a user who may write on the case may say so; the name shown is the signed-in
 * user's, never one the client sends.
 */
@RestController
class DeskTypingController {

    private final CaseAccess access;
    private final UserAccounts users;
    private final ApplicationEventPublisher events;

    DeskTypingController(CaseAccess access, UserAccounts users, ApplicationEventPublisher events) {
        this.access = access;
        this.users = users;
        this.events = events;
    }

    @Operation(summary = "Tell the chat visitor an agent is typing")
    @PostMapping("/api/desk/cases/{id}/typing")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    void typing(@PathVariable long id, Principal agent) {
        access.checkWrite(agent.getName(), new CaseId(id));
        String name = users.find(agent.getName()).map(UserAccount::displayName).filter(n -> !n.isBlank())
                .orElse(agent.getName());
        events.publishEvent(new AgentTyping(id, agent.getName(), name));
    }
}
