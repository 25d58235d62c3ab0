package io.omnicase.routing;

/** The decision as the rules build it; rules only escalate, pick a queue and raise the priority. */
public class DecisionDraft {

    private boolean escalate;
    private Queue queue = Queue.GENERAL;
    private Priority priority = Priority.NORMAL;

    public void escalate() {
        escalate = true;
    }

    public void routeTo(Queue target) {
        queue = target;
    }

    public void raisePriority(Priority at) {
        priority = priority.max(at);
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
}
