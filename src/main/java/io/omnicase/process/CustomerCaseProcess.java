package io.omnicase.process;

import io.omnicase.assistant.SelfService;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** The customer case process: its key, the ids of its BPMN elements, its messages and its typed variables. */
public final class CustomerCaseProcess {

    public static final String KEY = "customer-case";

    /** Whether routing left the case to the assistant; {@code xor_self_service} branches on it. */
    public static final ProcessVariable<Boolean> SELF_SERVICE = ProcessVariable.flag(Variables.SELF_SERVICE);
    /** The queue routing chose: the candidate group of {@code user_handle_case}. */
    public static final ProcessVariable<String> QUEUE = ProcessVariable.text(Variables.QUEUE);
    /** The priority routing chose: the priority of {@code user_handle_case}. */
    public static final ProcessVariable<Integer> PRIORITY = ProcessVariable.number(Variables.PRIORITY);
    /** How long a person may take: {@code timer_sla}. */
    public static final ProcessVariable<Duration> SLA_DURATION = ProcessVariable.duration(Variables.SLA_DURATION);
    /** How long a self-service customer may stay silent: {@code timer_self_service_idle}. */
    public static final ProcessVariable<Duration> SELF_SERVICE_TIMEOUT = ProcessVariable.duration(Variables.SELF_SERVICE_TIMEOUT);
    /** How long a resolved case waits for the customer before it closes: {@code timer_auto_close}. */
    public static final ProcessVariable<Duration> AUTO_CLOSE_AFTER = ProcessVariable.duration(Variables.AUTO_CLOSE_AFTER);
    /** Who resolved the case. */
    public static final ProcessVariable<String> RESOLVED_BY = ProcessVariable.text(Variables.RESOLVED_BY);
    /** What the resolver wrote. */
    public static final ProcessVariable<String> RESOLUTION = ProcessVariable.text(Variables.RESOLUTION);
    /** What the case was about: routing's topic, or the free label a resolver gives (the assistant learns under it). */
    public static final ProcessVariable<String> TOPIC = ProcessVariable.text(Variables.TOPIC);
    /** Who asked to close the case. */
    public static final ProcessVariable<String> CLOSED_BY = ProcessVariable.text(Variables.CLOSED_BY);
    /** What the assistant's last turn led to; {@code xor_assistant_outcome} branches on it. */
    public static final ProcessVariable<SelfService.Outcome> ASSISTANT_OUTCOME =
            ProcessVariable.choice(Variables.ASSISTANT_OUTCOME, SelfService.Outcome.class);
    /**
     * The id of the latest customer message the process took (started with or was handed): a message delivered
     * again, or an earlier one arriving after it, is not taken a second time.
     */
    public static final ProcessVariable<Long> LAST_CUSTOMER_MESSAGE = ProcessVariable.id(Variables.LAST_CUSTOMER_MESSAGE);
    /** How often the assistant was not confident enough in this self-service episode. */
    public static final ProcessVariable<Integer> LOW_CONFIDENCE_COUNT = ProcessVariable.number(Variables.LOW_CONFIDENCE_COUNT);

    private CustomerCaseProcess() {
    }

    /** The ids of {@code processes/customer-case.bpmn}. */
    public enum Elements {
        start_case, task_assess_case, xor_self_service, task_enter_self_service, evg_self_service,
        msg_customer_message_self_service, msg_resolve_self_service, timer_self_service_idle,
        task_escalate_case, user_handle_case, timer_sla, task_record_sla_breach, end_sla_recorded,
        msg_customer_message_handled, task_reassess_case, end_reassessed,
        task_resolve_case, evg_resolved, msg_customer_message_resolved, task_reopen_case, msg_close_requested,
        timer_auto_close, task_close_case, end_closed,
        task_answer_customer, xor_assistant_outcome;

        public String id() {
            return name();
        }
    }

    /**
     * The only beans a process model may call, and where: the engine's expressions see these and nothing else, and a
     * deployment that names any other delegate is refused.
     */
    public enum Delegates {
        assessCase(Use.SERVICE_TASK, "Assess case", "Routes the case by the routing rules (sentiment, intent, history) and "
                + "records the decision; sets selfService, queue, priority and slaDuration.", true),
        enterSelfService(Use.SERVICE_TASK, "Hand case to the assistant", "Puts the case in self-service; sets "
                + "selfServiceTimeout.", false),
        answerCustomer(Use.SERVICE_TASK, "Assistant answers the customer", "The assistant replies on the timeline; sets "
                + "assistantOutcome (ANSWERED, ASKED_TO_REPHRASE, CONFIRMED, HAND_OVER).", false),
        escalateCase(Use.SERVICE_TASK, "Escalate to queue", "Places the case in the queue with the priority of its latest "
                + "routing decision.", false),
        recordSlaBreach(Use.SERVICE_TASK, "Record SLA breach", "Records on the case that its SLA was breached.", false),
        reassessCase(Use.SERVICE_TASK, "Re-decide priority", "Routes the case again after a new message while a person "
                + "works it; may raise the task's priority or move it to another queue.", true),
        resolveCase(Use.SERVICE_TASK, "Resolve case", "Marks the case resolved (resolvedBy, resolution, topic); sets "
                + "autoCloseAfter.", false),
        reopenCase(Use.SERVICE_TASK, "Reopen case", "Reopens a resolved case the customer wrote to again.", false),
        closeCase(Use.SERVICE_TASK, "Close case", "Closes the case (closedBy, or the follow-up period ended).", false),
        nameTaskAfterCase(Use.TASK_LISTENER, "Name task after case", "On create: names a task after its case.", false),
        recordResolver(Use.TASK_LISTENER, "Record resolver", "On complete: who resolved is the user who completed "
                + "the task.", false);

        /** Where a delegate may be named. */
        public enum Use { SERVICE_TASK, TASK_LISTENER, EXECUTION_LISTENER }

        private final Use use;
        private final String label;
        private final String description;
        private final boolean asyncBefore;

        Delegates(Use use, String label, String description, boolean asyncBefore) {
            this.use = use;
            this.label = label;
            this.description = description;
            this.asyncBefore = asyncBefore;
        }

        /** What a designer picks in the modeler (an element template's name). */
        public String label() {
            return label;
        }

        /** What it does, and the variables it sets for the model's expressions. */
        public String description() {
            return description;
        }

        /** Whether its task runs as a job after the transaction that reached it commits (it routes: slow, retried). */
        public boolean asyncBefore() {
            return asyncBefore;
        }

        public String beanName() {
            return name();
        }

        public Use use() {
            return use;
        }

        public static java.util.Optional<Delegates> byBeanName(String name) {
            for (Delegates delegate : values()) {
                if (delegate.name().equals(name)) {
                    return java.util.Optional.of(delegate);
                }
            }
            return java.util.Optional.empty();
        }
    }

    /**
     * What the code relies on in a model of this process, declared here once: checked before the designer deploys a
     * version (the deployment policy checks what a model may contain; this, what it must contain).
     */
    public static final class Contract {
        /** The process is started by key, with the case id as business key: it has exactly one plain start event. */
        public static final String PROCESS_ID = KEY;
        /** Elements the code refers to by id, with the BPMN element each must be. */
        public static final Map<Elements, String> ELEMENTS = Map.of(Elements.user_handle_case, "userTask");
        /** Messages the code correlates (intake: a customer wrote; the desk: resolve, close): each must be caught. */
        public static final Set<String> CAUGHT_MESSAGES = Set.of(Messages.CUSTOMER_MESSAGE, Messages.RESOLVE_REQUESTED,
                Messages.CLOSE_REQUESTED);
        /** Task listeners the code relies on: who resolved a case is who completed its task, never a sent variable. */
        public static final Map<Elements, Map<String, Delegates>> TASK_LISTENERS =
                Map.of(Elements.user_handle_case, Map.of("complete", Delegates.recordResolver));

        private Contract() {
        }
    }

    /** Message names the process waits for. */
    public static final class Messages {
        public static final String CUSTOMER_MESSAGE = "CustomerMessage";
        public static final String RESOLVE_REQUESTED = "ResolveRequested";
        public static final String CLOSE_REQUESTED = "CloseRequested";

        private Messages() {
        }
    }

    /**
     * The variables' names, as the model's expressions, Tasklist and engine-rest see them; Java reads and writes them
     * through the typed constants above. The case itself lives in MariaDB, only what the model's expressions need is here.
     */
    public static final class Variables {
        public static final String SELF_SERVICE = "selfService";
        public static final String QUEUE = "queue";
        public static final String PRIORITY = "priority";
        public static final String SLA_DURATION = "slaDuration";
        public static final String SELF_SERVICE_TIMEOUT = "selfServiceTimeout";
        public static final String AUTO_CLOSE_AFTER = "autoCloseAfter";
        public static final String RESOLVED_BY = "resolvedBy";
        public static final String RESOLUTION = "resolution";
        public static final String TOPIC = "topic";
        public static final String CLOSED_BY = "closedBy";
        /** What the assistant's last turn led to: ANSWERED, ASKED_TO_REPHRASE, CONFIRMED or HAND_OVER. */
        public static final String ASSISTANT_OUTCOME = "assistantOutcome";
        /** How often the assistant was not confident enough in this self-service episode. */
        public static final String LOW_CONFIDENCE_COUNT = "lowConfidenceCount";
        /** The id of the latest customer message (interaction) the process took. */
        public static final String LAST_CUSTOMER_MESSAGE = "lastCustomerMessage";

        private Variables() {
        }
    }
}
