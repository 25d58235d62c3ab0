package io.omnicase.routing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The decision as the rules build it; rules only escalate (or keep the case in self-service), pick a queue, raise the
 * priority, ask for skills and give reasons.
 */
public class DecisionDraft {

    private boolean escalate;
    private Queue queue = Queue.GENERAL;
    private Priority priority = Priority.NORMAL;
    private final Set<Skill> skills = EnumSet.noneOf(Skill.class);
    private final List<String> reasons = new ArrayList<>();

    public void escalate() {
        escalate = true;
    }

    /** Undoes an earlier rule's escalation: the assistant keeps the case. */
    public void keepInSelfService() {
        escalate = false;
    }

    /** A reason for the person who takes the case, as the rule's author wrote it. */
    public void because(String reason) {
        if (reason != null && !reason.isBlank() && !reasons.contains(reason)) {
            reasons.add(reason);
        }
    }

    public void routeTo(Queue target) {
        queue = target;
    }

    public void raisePriority(Priority at) {
        priority = at == null ? null : priority == null ? at : priority.max(at);
    }

    public void requireSkill(Skill skill) {
        skills.add(skill);
    }

    public boolean isEscalate() {
        return escalate;
    }

    public Queue getQueue() {
        return queue;
    }

    public Priority getPriority() {
        return priority;
    }

    public Set<Skill> getSkills() {
        return Set.copyOf(skills);
    }

    public List<String> getReasons() {
        return List.copyOf(reasons);
    }
}
