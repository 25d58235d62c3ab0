package io.omnicase.process.internal;

import io.omnicase.routing.Queue;
import io.omnicase.routing.RoutingDecision;
import org.camunda.bpm.engine.delegate.VariableScope;

import static io.omnicase.process.CustomerCaseProcess.PRIORITY;
import static io.omnicase.process.CustomerCaseProcess.QUEUE;
import static io.omnicase.process.CustomerCaseProcess.SELF_SERVICE;
import static io.omnicase.process.CustomerCaseProcess.SLA_DURATION;
import static io.omnicase.process.CustomerCaseProcess.TOPIC;

/**
 * The one place that writes a routing decision into the case process's variables, and only what the model's
 * expressions read: {@code xor_self_service} branches on self-service, {@code user_handle_case} takes its candidate
 * group and priority, {@code timer_sla} its duration, and the resolution learns under the topic. Java reads queue and
 * priority from the case, where the decision recorded them.
 */
final class RoutingVariables {

    private RoutingVariables() {
    }

    /** After {@code task_assess_case}: what the model needs of the decision. */
    static void decided(VariableScope execution, RoutingDecision decision) {
        SELF_SERVICE.set(execution, decision.selfService());
        QUEUE.set(execution, decision.queue().group());
        PRIORITY.set(execution, decision.priority().taskPriority());
        SLA_DURATION.set(execution, decision.priority().sla());
        TOPIC.set(execution, decision.topic().name());
    }

    /** After {@code task_reassess_case} moved the task to another queue. */
    static void movedTo(VariableScope execution, Queue queue) {
        QUEUE.set(execution, queue.group());
    }
}
