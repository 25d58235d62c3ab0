package io.omnicase.routing;

import java.util.EnumSet;
import java.util.Set;

/** The decision as the rules build it; rules only escalate, pick a queue, raise the priority and ask for skills. */
public class DecisionDraft {

    private boolean escalate;
    private Queue queue = Queue.GENERAL;
    private Priority priority = Priority.NORMAL;
    private final Set<Skill> skills = EnumSet.noneOf(Skill.class);

    public void escalate() {
        escalate = true;
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
}
