package io.omnicase.process;

import io.omnicase.cases.CaseId;

import java.time.Instant;

/**
 * A person's task on a case (a user task of its process: {@code user_handle_case}, or any a designer adds): which
 * case, its queue and priority, who holds it, and when its SLA runs out ({@code slaDue}, null when the process set no
 * SLA).
 */
public record CaseTask(String id, CaseId caseId, String name, int priority, String queue, String assignee,
                       Instant created, Instant slaDue) {

    public boolean claimed() {
        return assignee != null;
    }

    public boolean heldBy(String username) {
        return username.equals(assignee);
    }
}
