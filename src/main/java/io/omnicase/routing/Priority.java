package io.omnicase.routing;

import java.time.Duration;

/** How soon a person must take up an escalated case: the task priority and the SLA that goes with it. */
public enum Priority {
    LOW(25, Duration.ofHours(24)),
    NORMAL(50, Duration.ofHours(8)),
    HIGH(75, Duration.ofHours(4)),
    URGENT(90, Duration.ofHours(1));

    private final int taskPriority;
    private final Duration sla;

    Priority(int taskPriority, Duration sla) {
        this.taskPriority = taskPriority;
        this.sla = sla;
    }

    public int taskPriority() {
        return taskPriority;
    }

    public Duration sla() {
        return sla;
    }

    public Priority max(Priority other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
