package io.omnicase.supervision.web;

import io.swagger.v3.oas.annotations.Operation;
import io.omnicase.desk.QueueItem;
import io.omnicase.routing.Priority;
import io.omnicase.supervision.Floor;
import io.omnicase.supervision.FloorActions;
import io.omnicase.supervision.SupervisorFloor;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import java.security.Principal;

/**
 * The live floor over plain HTTP: one snapshot (the page itself takes its snapshot from the event stream), and the
 * supervisor's actions on a case. Who acts is always the signed-in user; the reason is required and goes on the
 * case's timeline.
 */
@RestController
class FloorController {

    private final SupervisorFloor floor;
    private final FloorActions actions;

    FloorController(SupervisorFloor floor, FloorActions actions) {
        this.floor = floor;
        this.actions = actions;
    }

    @Operation(summary = "The live floor: queues, agents, conversations, alerts")
    @GetMapping("/api/supervisor/floor")
    Floor floor(Principal user) {
        return floor.snapshot(user.getName());
    }

    /**
     * Gives the case to another agent of its queue, or moves it to another queue of the supervisor's floor ({@code
     * queue}), to an agent of that queue or, without {@code assignee}, to whoever of it takes the case first; without
     * either (or with its own queue and no assignee), a held case goes back to its own queue.
     */
    @Operation(summary = "Give a case to another person or queue, with a reason")
    @PostMapping(path = "/api/supervisor/cases/{id}/assignment", consumes = MediaType.APPLICATION_JSON_VALUE)
    QueueItem reassign(@PathVariable long id, @RequestBody AssignmentRequest request, Principal user) {
        return actions.reassign(user.getName(), id, request.assignee(), request.queue(), request.reason());
    }

    /** Changes the case's priority; {@code priority} is LOW, NORMAL, HIGH or URGENT (anything else: 400 naming it). */
    @Operation(summary = "Change a case's priority, with a reason")
    @PostMapping(path = "/api/supervisor/cases/{id}/priority", consumes = MediaType.APPLICATION_JSON_VALUE)
    QueueItem reprioritise(@PathVariable long id, @RequestBody PriorityRequest request, Principal user) {
        return actions.reprioritise(user.getName(), id, request.priority(), request.reason());
    }

    record AssignmentRequest(String assignee, String queue, String reason) {
    }

    record PriorityRequest(Priority priority, String reason) {
    }
}
