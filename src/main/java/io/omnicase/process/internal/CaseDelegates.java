package io.omnicase.process.internal;

import io.omnicase.cases.CaseId;
import io.omnicase.cases.CaseManagement;
import io.omnicase.routing.CaseRouting;
import io.omnicase.process.CustomerCaseProcess;
import io.omnicase.routing.RoutingDecision;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.context.SecurityContextHolder;

import java.time.Duration;
import java.util.List;

import static io.omnicase.process.CustomerCaseProcess.AUTO_CLOSE_AFTER;
import static io.omnicase.process.CustomerCaseProcess.CLOSED_BY;
import static io.omnicase.process.CustomerCaseProcess.LOW_CONFIDENCE_COUNT;
import static io.omnicase.process.CustomerCaseProcess.RESOLUTION;
import static io.omnicase.process.CustomerCaseProcess.RESOLVED_BY;
import static io.omnicase.process.CustomerCaseProcess.SELF_SERVICE_TIMEOUT;
import static io.omnicase.process.CustomerCaseProcess.TOPIC;

/** The delegates of customer-case.bpmn, each a few lines of glue named after its BPMN element. */
@Configuration(proxyBeanMethods = false)
class CaseDelegates {

    /** {@code task_assess_case}: routes the case (which records the decision) and sets what the model reads. */
    @Bean
    JavaDelegate assessCase(CaseRouting routing, NewestMessageHandover handover) {
        return execution -> {
            CaseId caseId = caseId(execution);
            RoutingVariables.decided(execution, routing.route(caseId));
            // The job's transaction ends at the next wait state: a message that came meanwhile is handed over then.
            handover.afterCommit(caseId, CustomerCaseProcess.LAST_CUSTOMER_MESSAGE.get(execution));
        };
    }

    /** {@code task_enter_self_service}; the idle timer that follows takes its period from configuration. */
    @Bean
    JavaDelegate enterSelfService(CaseManagement cases,
                                  @Value("${omnicase.case.self-service-timeout:PT24H}") Duration selfServiceTimeout) {
        return execution -> {
            cases.enterSelfService(caseId(execution));
            SELF_SERVICE_TIMEOUT.set(execution, selfServiceTimeout);
        };
    }

    /** {@code task_escalate_case}: the queue and priority are the case's, as its latest decision recorded them. */
    @Bean
    JavaDelegate escalateCase(CaseManagement cases) {
        return execution -> cases.escalate(caseId(execution));
    }

    /** On creating {@code user_handle_case}: a task list shows which case and what it is about, not "Handle case" ten times. */
    @Bean
    TaskListener nameTaskAfterCase(CaseManagement cases) {
        return task -> cases.find(CaseId.of(task.getExecution().getProcessBusinessKey())).ifPresent(view -> {
            task.setName("Case #" + view.id() + ": " + view.subject());
            task.setDescription(view.channel() + " case in queue " + view.queue());
        });
    }

    /** {@code task_record_sla_breach}. */
    @Bean
    JavaDelegate recordSlaBreach(CaseManagement cases) {
        return execution -> cases.recordSlaBreach(caseId(execution));
    }

    /**
     * {@code task_reassess_case}: a new message while the case's task waits or is worked may raise the task's priority;
     * when the rules now route the case to another queue, a task nobody holds moves there, so it is offered where the
     * case now belongs; a task a person holds stays where it is (its holder works that queue, and a supervisor may hand
     * it on). A self-service decision does not take the case from its task. The case is placed where its task is, and
     * the timeline says what the rules decided and what happened (the desk's header, routing panel, handover and work
     * list tell one queue).
     */
    @Bean
    JavaDelegate reassessCase(CaseRouting routing, CaseManagement cases, io.omnicase.process.CaseWork work) {
        return execution -> {
            CaseId caseId = caseId(execution);
            // The case's lock first: a supervisor's move of the case (its task and its queue, under the same lock) is
            // then either wholly before what is read below or waits for this job; read before it, the job wrote the
            // old queue back over the move.
            cases.lockUntilCommit(caseId);
            RoutingDecision decision = routing.reassess(caseId);
            var tasks = execution.getProcessEngineServices().getTaskService();
            String queue = decision.queue().group();
            for (TaskEntity task : handleCaseTasks(execution)) {
                int before = task.getPriority();
                int priority = before;
                if (decision.priority().taskPriority() > priority) {
                    priority = decision.priority().taskPriority();
                    // As a supervisor's change does: the new priority's SLA from when the case reached its queue, the
                    // SLA timer moved with it, the old and new deadline on the timeline and in the audit trail.
                    int raised = priority;
                    work.reprioritise(caseId, decision.priority()).ifPresentOrElse(
                            sla -> cases.reprioritise(caseId, raised, CaseManagement.ROUTING,
                                    String.join("; ", decision.reasons().isEmpty() ? decision.rulesFired() : decision.reasons()),
                                    sla.dueBefore(), sla.dueAfter()),
                            () -> tasks.setPriority(task.getId(), raised));
                }
                List<String> offeredTo = task.getIdentityLinks().stream()
                        .filter(link -> IdentityLinkType.CANDIDATE.equals(link.getType()) && link.getGroupId() != null)
                        .map(IdentityLink::getGroupId).toList();
                String placedIn = offeredTo.isEmpty() ? queue : offeredTo.get(0);
                String holder = task.getAssignee();
                if (!decision.selfService() && !offeredTo.contains(queue) && holder == null) {
                    offeredTo.forEach(group -> tasks.deleteCandidateGroup(task.getId(), group));
                    tasks.addCandidateGroup(task.getId(), queue);
                    RoutingVariables.movedTo(execution, decision.queue());
                    placedIn = queue;
                } else if (offeredTo.contains(queue)) {
                    placedIn = queue;
                }
                boolean rulesQueue = !decision.selfService() && placedIn.equals(queue);
                if (rulesQueue && (!offeredTo.contains(queue) || priority > before)) {
                    // Moved to the rules' queue, or raised there: a decision the case is now placed by.
                    cases.recordReassessment(caseId, CaseRouting.recorded(decision).placedIn(placedIn, priority));
                } else {
                    // Kept where it is (self-service chosen, the same queue, or a holder in another): the decision that
                    // placed the case keeps giving the reasons on the desk and in the handover.
                    cases.recordReassessmentKept(caseId, decision.selfService() ? null : queue, placedIn, holder,
                            priority > before ? priority : null);
                }
                cases.place(caseId, placedIn, priority, CaseManagement.ROUTING);
            }
        };
    }

    /**
     * The case's open {@code user_handle_case} task (one at most), read by the engine's fixed statement for a process
     * instance's tasks and from the command's entity cache: a task query built its dynamic SQL through OGNL on every
     * reassessment, about 6 % of the drain's samples (issue 18, JFR profile of 3 December). Its identity
     * links are read the same way, on the entity.
     */
    private static List<TaskEntity> handleCaseTasks(DelegateExecution execution) {
        return Context.getCommandContext().getTaskManager().findTasksByProcessInstanceId(execution.getProcessInstanceId())
                .stream().filter(task -> CustomerCaseProcess.Elements.user_handle_case.id().equals(task.getTaskDefinitionKey()))
                .toList();
    }

    /**
     * On completing {@code user_handle_case}: who resolved the case is the signed-in user who completed the task (else
     * its assignee), whatever {@code resolvedBy} the client sent with the completion.
     */
    @Bean
    TaskListener recordResolver() {
        return task -> RESOLVED_BY.setLocal(task.getExecution().getProcessInstance(), resolverOf(task));
    }

    static String resolverOf(DelegateTask task) {
        Authentication camunda = task.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
        if (camunda != null && camunda.getUserId() != null) {
            return camunda.getUserId();
        }
        var login = SecurityContextHolder.getContext().getAuthentication();
        if (login != null && login.isAuthenticated() && !(login instanceof AnonymousAuthenticationToken)) {
            return login.getName();
        }
        return task.getAssignee() != null ? task.getAssignee() : "unknown user";
    }

    /**
     * {@code task_resolve_case}: by an agent (set by {@link #recordResolver} or the resolve request), the assistant or
     * the idle timer. A task completion from Tasklist may carry any variable: what drives the follow-up (its period,
     * who closed, the assistant's count) is set here from configuration; resolution and topic are kept to their sizes.
     */
    @Bean
    JavaDelegate resolveCase(CaseManagement cases, @Value("${omnicase.case.auto-close-after:P7D}") Duration autoCloseAfter) {
        return execution -> {
            String text = RESOLUTION.get(execution);
            cases.resolve(caseId(execution), RESOLVED_BY.get(execution, "assistant (customer silent)"),
                    text == null || text.length() <= MAX_RESOLUTION ? text : text.substring(0, MAX_RESOLUTION),
                    shortTopic(TOPIC.get(execution)));
            RESOLVED_BY.remove(execution);
            RESOLUTION.remove(execution);
            CLOSED_BY.remove(execution);
            LOW_CONFIDENCE_COUNT.remove(execution);
            AUTO_CLOSE_AFTER.set(execution, autoCloseAfter);
        };
    }

    private static final int MAX_RESOLUTION = 4000;
    private static final int MAX_TOPIC = 40;

    /** The agent's topic is a free label the assistant learns under (the desk API allows 40 characters). */
    private static String shortTopic(String topic) {
        String text = topic == null ? null : topic.strip();
        return text == null || text.isEmpty() ? null : text.length() <= MAX_TOPIC ? text : text.substring(0, MAX_TOPIC);
    }

    /** {@code task_reopen_case}. */
    @Bean
    JavaDelegate reopenCase(CaseManagement cases) {
        return execution -> cases.reopen(caseId(execution));
    }

    /** {@code task_close_case}: on an agent's request or when the follow-up period ends. */
    @Bean
    JavaDelegate closeCase(CaseManagement cases) {
        return execution -> {
            String by = CLOSED_BY.get(execution);
            if (by == null) {
                cases.close(caseId(execution), "follow-up period over");
            } else {
                cases.closeBy(caseId(execution), by);
            }
        };
    }

    private static CaseId caseId(DelegateExecution execution) {
        return CaseId.of(execution.getProcessBusinessKey());
    }
}
