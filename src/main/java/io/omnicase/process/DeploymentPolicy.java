package io.omnicase.process;

import com.fasterxml.jackson.databind.JsonNode;
import io.omnicase.process.CustomerCaseProcess.Delegates;
import org.w3c.dom.Attr;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a process deployment may contain, whatever door it comes through (engine-rest, the webapps, Java, the
 * auto-deployment at startup): BPMN models of allowlisted elements that call only the {@link Delegates}, with
 * expressions of a small grammar (a variable, a comparison, and/or/not, literals), and Camunda Forms. Everything
 * else is refused, naming the element. The engine runs this check on every deployment; the designer's modeler can
 * run it before deploying.
 */
public final class DeploymentPolicy {

    static final String BPMN = "http://www.omg.org/spec/BPMN/20100524/MODEL";
    static final String CAMUNDA = "http://camunda.org/schema/1.0/bpmn";
    static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    /** Diagram interchange: where shapes are drawn; never executed. */
    static final Set<String> DIAGRAM_NAMESPACES = Set.of("http://www.omg.org/spec/BPMN/20100524/DI",
            "http://www.omg.org/spec/DD/20100524/DC", "http://www.omg.org/spec/DD/20100524/DI");
    /** Attributes modelers add for colours and their own bookkeeping; the engine ignores them. */
    static final Set<String> PASSIVE_ATTRIBUTE_NAMESPACES = Set.of("http://bpmn.io/schema/bpmn/biocolor/1.0",
            "http://www.omg.org/spec/BPMN/non-normative/color/1.0", "http://camunda.org/schema/modeler/1.0");

    /** The BPMN elements a process may use. */
    public static final Set<String> BPMN_ELEMENTS = Set.of(
            "definitions", "process", "collaboration", "participant", "laneSet", "lane", "flowNodeRef", "message",
            "startEvent", "endEvent", "intermediateCatchEvent", "boundaryEvent",
            "serviceTask", "userTask", "manualTask", "task",
            "exclusiveGateway", "parallelGateway", "eventBasedGateway",
            "sequenceFlow", "incoming", "outgoing", "conditionExpression",
            "messageEventDefinition", "timerEventDefinition", "terminateEventDefinition",
            "timeDuration", "timeDate", "timeCycle",
            "extensionElements", "documentation", "textAnnotation", "text", "association");

    /** Plain attributes of BPMN elements; anything else (language, implementation, ...) is refused. */
    static final Set<String> BPMN_ATTRIBUTES = Set.of("id", "name", "sourceRef", "targetRef", "attachedToRef",
            "cancelActivity", "messageRef", "default", "isExecutable", "isInterrupting", "targetNamespace", "exporter",
            "exporterVersion", "processRef", "isClosed", "eventGatewayType", "instantiate", "gatewayDirection",
            "associationDirection", "textFormat", "completionQuantity", "startQuantity", "isForCompensation",
            "typeLanguage");

    /** How the value of an attribute or element text is checked. */
    enum Kind {
        /** No expression at all. */
        LITERAL,
        /** A literal, or one expression of the small grammar. */
        VALUE,
        /** One expression of the small grammar. */
        CONDITION,
        /** An ISO 8601 duration, date or cycle as text, or one variable. */
        TIMER,
        /** Exactly {@code ${bean}} of an allowlisted delegate, for the use the element makes of it. */
        DELEGATE
    }

    /** The Camunda extension attributes a BPMN element may carry. */
    static final Map<String, Kind> CAMUNDA_ATTRIBUTES = Map.ofEntries(
            Map.entry("historyTimeToLive", Kind.LITERAL), Map.entry("versionTag", Kind.LITERAL),
            Map.entry("isStartableInTasklist", Kind.LITERAL), Map.entry("asyncBefore", Kind.LITERAL),
            Map.entry("asyncAfter", Kind.LITERAL), Map.entry("exclusive", Kind.LITERAL),
            Map.entry("delegateExpression", Kind.DELEGATE),
            Map.entry("candidateGroups", Kind.VALUE), Map.entry("priority", Kind.VALUE), Map.entry("dueDate", Kind.VALUE),
            Map.entry("followUpDate", Kind.VALUE), Map.entry("jobPriority", Kind.VALUE),
            Map.entry("taskPriority", Kind.VALUE),
            Map.entry("formRef", Kind.LITERAL), Map.entry("formRefBinding", Kind.LITERAL),
            Map.entry("formRefVersion", Kind.LITERAL),
            Map.entry("candidateStarterGroups", Kind.LITERAL), Map.entry("candidateStarterUsers", Kind.LITERAL));

    /** Who works a task is not the model's to say: a model that named people could hand every case to anyone. */
    static final Set<String> PEOPLE_ATTRIBUTES = Set.of("assignee", "candidateUsers");
    /** The groups a task may be offered to: the queues, by their exact names (not a role's group, not "billing "). */
    public static final Set<String> QUEUES = java.util.Arrays.stream(io.omnicase.routing.Queue.values())
            .map(io.omnicase.routing.Queue::group).collect(java.util.stream.Collectors.toUnmodifiableSet());
    /** The one expression a task's candidate groups may be: the queue its case's routing decided. */
    static final String ROUTED_QUEUE = "${queue}";

    /** Camunda extension elements, with their plain attributes. */
    static final Map<String, Set<String>> CAMUNDA_ELEMENTS = Map.of(
            "taskListener", Set.of("id", "event", "delegateExpression"),
            "executionListener", Set.of("event", "delegateExpression"),
            "properties", Set.of(),
            "property", Set.of("id", "name", "value"),
            "inputOutput", Set.of(),
            "inputParameter", Set.of("name"),
            "outputParameter", Set.of("name"));

    static final Set<String> TASK_LISTENER_EVENTS = Set.of("create", "assignment", "complete", "update", "delete");
    static final Set<String> EXECUTION_LISTENER_EVENTS = Set.of("start", "end", "take");
    /** Names the engine resolves to its own objects, whose methods and properties lead anywhere. */
    static final Set<String> RESERVED_NAMES = Set.of("execution", "task", "externalTask", "caseExecution",
            "caseInstance", "variableScope", "authenticatedUserId", "empty", "instanceof", "div", "mod");

    static final int MAX_RESOURCE_BYTES = 2 * 1024 * 1024;
    private static final Pattern ISO_DURATION = Pattern.compile("P(?!$)(\\d+Y)?(\\d+M)?(\\d+W)?(\\d+D)?(T(?=\\d)(\\d+H)?(\\d+M)?(\\d+(\\.\\d+)?S)?)?");
    private static final Pattern ISO_CYCLE = Pattern.compile("R\\d{0,9}/[0-9A-Za-z:.+\\-/]{1,80}");

    private DeploymentPolicy() {
    }

    /** Why a resource may not be deployed; empty when it may. Each reason names the resource and the element. */
    public static List<String> refusals(String resourceName, byte[] content) {
        String name = resourceName == null ? "" : resourceName;
        return problems(name, content).stream().map(p -> p.elementId() == null ? name + ": " + p.message()
                : name + ", element " + p.elementId() + ": " + p.message()).toList();
    }

    /**
     * Why a resource may not be deployed, each problem with the id of the element it concerns (the nearest element
     * with an id; null for a problem of the whole document); empty when it may.
     */
    public static List<DeploymentProblem> problems(String resourceName, byte[] content) {
        List<DeploymentProblem> problems = new ArrayList<>();
        String name = resourceName == null ? "" : resourceName;
        if (content == null || content.length > MAX_RESOURCE_BYTES) {
            problems.add(new DeploymentProblem(null, "empty or larger than " + MAX_RESOURCE_BYTES / 1024 + " KB"));
        } else if (name.endsWith(".bpmn")) {
            new BpmnCheck(problems).check(content);
        } else if (name.endsWith(".form")) {
            checkForm(content, problems);
        } else {
            problems.add(new DeploymentProblem(null, "only BPMN models (.bpmn) and Camunda Forms (.form) may be deployed"));
        }
        return problems;
    }

    private static void checkForm(byte[] content, List<DeploymentProblem> problems) {
        String json = new String(content, StandardCharsets.UTF_8).strip();
        if (!json.startsWith("{") || !json.contains("\"components\"")) {
            problems.add(new DeploymentProblem(null, "not a Camunda Form (a JSON object with components)"));
        }
        if (json.contains("${") || json.contains("#{")) {
            problems.add(new DeploymentProblem(null, "a form may not hold engine expressions (${...} or #{...})"));
        }
        try {
            components(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json).path("components"), problems, 0);
        } catch (IOException e) {
            problems.add(new DeploymentProblem(null, "not a Camunda Form (a JSON object with components)"));
        }
    }

    /**
     * The form components the desk shows and the server checks. Refused, naming the component: a file picker (the case's
     * form takes no files: every resolve would fail), an iFrame and a document preview (the desk's content policy
     * frames nothing), an image from elsewhere (loads nothing under the policy; an embedded data: image is fine), and
     * any type this version does not know.
     */
    private static final Set<String> FORM_COMPONENTS = Set.of("textfield", "textarea", "number", "checkbox", "select",
            "radio", "checklist", "taglist", "datetime", "dynamiclist", "group", "text", "html", "spacer", "separator",
            "expression", "button", "table", "default", "image");

    /**
     * The case process's own variables: what routing decided, its timers, the assistant's state, the last customer
     * message it took. A form field of that name would overwrite it (a queue, a timer, a case deaf to its customer);
     * the resolve form's outputs ({@code resolution}, {@code topic}) are what forms are for.
     */
    static final Set<String> PROCESS_OWN_VARIABLES = Set.of(CustomerCaseProcess.Variables.SELF_SERVICE,
            CustomerCaseProcess.Variables.QUEUE, CustomerCaseProcess.Variables.PRIORITY,
            CustomerCaseProcess.Variables.SLA_DURATION, CustomerCaseProcess.Variables.SELF_SERVICE_TIMEOUT,
            CustomerCaseProcess.Variables.AUTO_CLOSE_AFTER, CustomerCaseProcess.Variables.RESOLVED_BY,
            CustomerCaseProcess.Variables.CLOSED_BY, CustomerCaseProcess.Variables.ASSISTANT_OUTCOME,
            CustomerCaseProcess.Variables.LOW_CONFIDENCE_COUNT, CustomerCaseProcess.Variables.LAST_CUSTOMER_MESSAGE);

    /** The variable a field's key (or a group's path) sets: its first segment ("a.b" sets {@code a}). */
    private static void checkVariableName(String key, String id, List<DeploymentProblem> problems) {
        if (key == null || key.isBlank()) {
            return;
        }
        String variable = key.strip().split("\\.", 2)[0];
        if (PROCESS_OWN_VARIABLES.contains(variable) || RESERVED_NAMES.contains(variable)
                || Delegates.byBeanName(variable).isPresent()) {
            problems.add(new DeploymentProblem(id, "the field key '" + abbreviate(variable) + "' is the case process's "
                    + "own: a form would overwrite it. Choose another key"));
        }
    }

    private static void components(JsonNode list, List<DeploymentProblem> problems, int depth) {
        if (!list.isArray()) {
            return;
        }
        if (depth > 10) {
            // Not skipped: a file picker hidden eleven groups deep would fail every resolve as well.
            problems.add(new DeploymentProblem(null, "the form nests groups more than 10 deep"));
            return;
        }
        for (JsonNode component : list) {
            String type = component.path("type").asText("");
            String id = component.path("id").asText(component.path("key").asText(null));
            if (!FORM_COMPONENTS.contains(type)) {
                problems.add(new DeploymentProblem(id, "the form component '" + abbreviate(type) + "' is not shown on the "
                        + "agent desk" + ("filepicker".equals(type) ? " (a case's form takes no files)" : "")
                        + ": use text fields, choices, numbers, dates or text"));
            } else if ("image".equals(type) && !component.path("source").asText("").startsWith("data:")) {
                problems.add(new DeploymentProblem(id, "an image on a form is embedded (a data: address): the desk loads "
                        + "nothing from elsewhere"));
            }
            // A field writes its key; a group and a dynamic list write their path (probe 42: a dynamic list's path
            // was not read, and named the process's own variables).
            checkVariableName(component.path("key").asText(null), id, problems);
            checkVariableName(component.path("path").asText(null), id, problems);
            components(component.path("components"), problems, depth + 1);
        }
    }

    /** Walks one BPMN document; every element, attribute and text is either known and checked, or refused. */
    private static final class BpmnCheck {

        private final List<DeploymentProblem> problems;

        BpmnCheck(List<DeploymentProblem> problems) {
            this.problems = problems;
        }

        void check(byte[] content) {
            Document document;
            try {
                document = parser().parse(new ByteArrayInputStream(content));
            } catch (SAXException | IOException e) {
                problems.add(new DeploymentProblem(null, "not a well-formed BPMN document without DOCTYPE"));
                return;
            }
            Element root = document.getDocumentElement();
            if (!BPMN.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
                problems.add(new DeploymentProblem(null, "the document is not BPMN 2.0 definitions"));
                return;
            }
            if (deeperThan(root, MAX_DEPTH)) {
                // A model's elements nest a few levels (a process, a subprocess, an event, its definition); thousands
                // of levels are an attack on the checks' and the engine's recursion.
                problems.add(new DeploymentProblem(null, "the model nests elements more than " + MAX_DEPTH + " levels deep"));
                return;
            }
            element(root, "definitions");
        }

        /** Whether any element lies deeper than the limit below the root, found without recursion. */
        private static boolean deeperThan(Element root, int limit) {
            java.util.ArrayDeque<Map.Entry<Node, Integer>> open = new java.util.ArrayDeque<>();
            open.push(Map.entry(root, 0));
            while (!open.isEmpty()) {
                Map.Entry<Node, Integer> next = open.pop();
                if (next.getValue() > limit) {
                    return true;
                }
                for (Node child = next.getKey().getFirstChild(); child != null; child = child.getNextSibling()) {
                    if (child instanceof Element) {
                        open.push(Map.entry(child, next.getValue() + 1));
                    }
                }
            }
            return false;
        }

        private void element(Element element, String nearestId) {
            String id = element.hasAttribute("id") && !element.getAttribute("id").isBlank()
                    ? element.getAttribute("id") : nearestId;
            String ns = element.getNamespaceURI() == null ? "" : element.getNamespaceURI();
            String local = element.getLocalName();
            if (DIAGRAM_NAMESPACES.contains(ns)) {
                noExpressionsIn(element, id); // drawn, never executed: only no expressions hidden in it
                return;
            }
            if (BPMN.equals(ns)) {
                bpmnElement(element, local, id);
            } else if (CAMUNDA.equals(ns)) {
                camundaElement(element, local, id);
            } else {
                refuse(id, "the element " + qualified(element) + " is not allowed");
                return;
            }
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element childElement) {
                    element(childElement, id);
                } else if (child.getNodeType() == Node.TEXT_NODE || child.getNodeType() == Node.CDATA_SECTION_NODE) {
                    if (!child.getNodeValue().isBlank() && !holdsCheckedText(element)) {
                        literal(child.getNodeValue(), id, "the text of " + local);
                    }
                }
            }
            if (holdsCheckedText(element)) {
                text(element, local, id);
            }
        }

        private void bpmnElement(Element element, String local, String id) {
            if (!BPMN_ELEMENTS.contains(local)) {
                refuse(id, "the BPMN element " + local + " is not allowed (allowed: start, end, catch and boundary "
                        + "events with message or timer, service, user and manual tasks, exclusive, parallel and "
                        + "event-based gateways, sequence flows)");
                return;
            }
            if ("timerEventDefinition".equals(local) && element.getParentNode() instanceof Element parent
                    && "startEvent".equals(parent.getLocalName())) {
                refuse(id, "a process starts from a customer message, not on a timer");
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                String ans = attribute.getNamespaceURI();
                String name = attribute.getLocalName();
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(ans)) {
                    continue;
                }
                if (ans == null) {
                    if (!BPMN_ATTRIBUTES.contains(name)) {
                        refuse(id, "the attribute " + name + " is not allowed on " + local);
                    } else {
                        literal(attribute.getValue(), id, name);
                    }
                } else if (CAMUNDA.equals(ans)) {
                    camundaAttribute(element, local, name, attribute.getValue(), id);
                } else if (XSI.equals(ans) && "type".equals(name)) {
                    if (!attribute.getValue().endsWith("tFormalExpression")) {
                        refuse(id, "only formal expressions are allowed, not " + attribute.getValue());
                    }
                } else if (PASSIVE_ATTRIBUTE_NAMESPACES.contains(ans)) {
                    literal(attribute.getValue(), id, name);
                } else {
                    refuse(id, "the attribute " + attribute.getName() + " is not allowed");
                }
            }
        }

        /** A task's candidate groups: the routed queue ({@code ${queue}}) or queues by name, nothing else. */
        private void candidateGroups(String value, String id) {
            if (ROUTED_QUEUE.equals(value.strip())) {
                return;
            }
            for (String group : value.split(",", -1)) {
                if (!QUEUES.contains(group.strip())) {
                    refuse(id, "camunda:candidateGroups " + abbreviate(value) + " is refused: a task is offered to "
                            + ROUTED_QUEUE + " (the queue routing decided) or to queues by name "
                            + new java.util.TreeSet<>(QUEUES));
                    return;
                }
            }
        }

        private void camundaAttribute(Element element, String local, String name, String value, String id) {
            Kind kind = CAMUNDA_ATTRIBUTES.get(name);
            if (PEOPLE_ATTRIBUTES.contains(name)) {
                refuse(id, "camunda:" + name + " is not allowed: a task is offered to queues (camunda:candidateGroups), "
                        + "and agents take it from there or a supervisor hands it to one");
                return;
            }
            if ("candidateGroups".equals(name)) {
                candidateGroups(value, id);
                return;
            }
            if (kind == null) {
                refuse(id, "camunda:" + name + " is not allowed" + ("class".equals(name)
                        ? " (a service task names an allowlisted delegate with camunda:delegateExpression)" : ""));
                return;
            }
            if (kind == Kind.DELEGATE) {
                if (!"serviceTask".equals(local)) {
                    refuse(id, "camunda:delegateExpression is allowed on service tasks and listeners only");
                } else {
                    delegate(value, Delegates.Use.SERVICE_TASK, id);
                }
                return;
            }
            check(kind, value, id, "camunda:" + name);
        }

        private void camundaElement(Element element, String local, String id) {
            Set<String> allowed = CAMUNDA_ELEMENTS.get(local);
            if (allowed == null) {
                refuse(id, "camunda:" + local + " is not allowed (no scripts, connectors, fields or form fields)");
                return;
            }
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Attr attribute = (Attr) attributes.item(i);
                if (XMLConstants.XMLNS_ATTRIBUTE_NS_URI.equals(attribute.getNamespaceURI())) {
                    continue;
                }
                String name = attribute.getLocalName();
                if (attribute.getNamespaceURI() != null || !allowed.contains(name)) {
                    refuse(id, "the attribute " + attribute.getName() + " is not allowed on camunda:" + local);
                } else if (!"delegateExpression".equals(name)) {
                    literal(attribute.getValue(), id, name);
                }
            }
            if ("inputParameter".equals(local) || "outputParameter".equals(local)) {
                parameterName(local, element.getAttribute("name"), id);
            }
            if ("taskListener".equals(local) || "executionListener".equals(local)) {
                boolean task = "taskListener".equals(local);
                String event = element.getAttribute("event");
                if (!(task ? TASK_LISTENER_EVENTS : EXECUTION_LISTENER_EVENTS).contains(event)) {
                    refuse(id, "a " + local + " needs an event of " + (task ? TASK_LISTENER_EVENTS : EXECUTION_LISTENER_EVENTS));
                }
                if (!element.hasAttribute("delegateExpression")) {
                    refuse(id, "a " + local + " names an allowlisted delegate with delegateExpression");
                } else {
                    delegate(element.getAttribute("delegateExpression"),
                            task ? Delegates.Use.TASK_LISTENER : Delegates.Use.EXECUTION_LISTENER, id);
                }
            }
        }

        /**
         * The variable an input or output mapping sets. An output parameter writes the process's variable, an input
         * parameter one of the activity's own that shadows it (a timer on the activity, a delegate in it read that):
         * neither may name what the process sets itself (who resolved, the timers' periods, the message taken), an
         * engine object or a delegate. An activity's own {@code queue} is allowed as input: the element template
         * "Escalate to queue" offers it, and a task is offered to queues only whatever it says
         * ({@code QueueTaskAuthorizations}). Probe 42: an output {@code resolvedBy} named anyone as resolver, and a
         * {@code PT0S} period passed the timer rules.
         */
        private void parameterName(String local, String name, String id) {
            String variable = name == null ? "" : name.strip();
            boolean input = "inputParameter".equals(local);
            if (variable.isEmpty()) {
                refuse(id, "a camunda:" + local + " needs a name");
            } else if ((PROCESS_OWN_VARIABLES.contains(variable) && !(input && CustomerCaseProcess.Variables.QUEUE.equals(variable)))
                    || RESERVED_NAMES.contains(variable) || Delegates.byBeanName(variable).isPresent()) {
                refuse(id, "the " + (input ? "input" : "output") + " parameter '" + abbreviate(variable) + "' is the case "
                        + "process's own (it decides who resolved, the timers' periods, the queue or the message taken): "
                        + "a mapping may not set it. Choose another name");
            }
        }

        private static boolean holdsCheckedText(Element element) {
            String local = element.getLocalName();
            String ns = element.getNamespaceURI();
            return BPMN.equals(ns) && Set.of("conditionExpression", "timeDuration", "timeDate", "timeCycle").contains(local)
                    || CAMUNDA.equals(ns) && Set.of("inputParameter", "outputParameter").contains(local);
        }

        private void text(Element element, String local, String id) {
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element) {
                    refuse(id, local + " holds text only (no scripts, lists or maps)");
                    return;
                }
            }
            String text = element.getTextContent().strip();
            switch (local) {
                case "conditionExpression" -> {
                    if (element.hasAttribute("language")) {
                        refuse(id, "a condition is an expression, not a script");
                    }
                    check(Kind.CONDITION, text, id, "the condition");
                }
                case "timeDuration", "timeDate", "timeCycle" -> timer(local, text, id);
                default -> check(Kind.VALUE, text, id, local);
            }
        }

        private void timer(String local, String text, String id) {
            if (isExpression(text)) {
                String inner = inner(text).strip();
                if (!Grammar.isVariable(inner)) {
                    refuse(id, "a timer takes an ISO 8601 value or one variable, not " + abbreviate(text));
                } else if (!"timeDuration".equals(local) || !TIMER_VARIABLES.contains(inner)) {
                    // Any other variable may come from a form field, which an agent fills in: R/PT0S there would be
                    // the endless loop refused above as a literal (probe of 4 December).
                    refuse(id, "a timer's variable is a duration the process sets itself (" + String.join(", ", TIMER_VARIABLES)
                            + "), in a timeDuration; not " + abbreviate(text) + " in a " + local);
                }
                return;
            }
            literal(text, id, local);
            boolean valid = switch (local) {
                case "timeDuration" -> isDuration(text);
                case "timeDate" -> isDate(text);
                default -> ISO_CYCLE.matcher(text).matches();
            };
            if (!valid) {
                refuse(id, "the timer's " + local + " is not an ISO 8601 value: " + abbreviate(text));
            } else if ("timeCycle".equals(local) && cyclePeriodSeconds(text) < MIN_CYCLE_SECONDS) {
                // R/PT0S fires again at once, forever, for every case waiting at the timer: the engine's endless loop.
                refuse(id, "a timer cycle repeats at most once a minute: " + abbreviate(text));
            } else if ("timeDuration".equals(local) && cyclePeriodSeconds("R/" + text) < MIN_CYCLE_SECONDS) {
                // A zero timer on a flow back into its task makes a new task with a new zero timer, without end.
                refuse(id, "a timer waits at least a minute: " + abbreviate(text));
            } else if ("timeDate".equals(local)) {
                // A fixed date passes for every case at once, and then fires at once each time a flow comes back.
                refuse(id, "a case's timer waits a duration (PT4H) or one the process sets, not a fixed date: "
                        + abbreviate(text));
            }
        }

        private void check(Kind kind, String value, String id, String what) {
            switch (kind) {
                case LITERAL -> literal(value, id, what);
                case VALUE -> {
                    if (isExpression(value)) {
                        grammar(inner(value), id, what);
                    } else {
                        literal(value, id, what);
                    }
                }
                case CONDITION -> {
                    if (!isExpression(value)) {
                        refuse(id, what + " must be one expression ${...}");
                    } else {
                        grammar(inner(value), id, what);
                    }
                }
                default -> throw new IllegalArgumentException(kind.name());
            }
        }

        private void grammar(String expression, String id, String what) {
            String problem = Grammar.problemWith(expression);
            if (problem != null) {
                refuse(id, what + " " + abbreviate("${" + expression + "}") + " is refused: " + problem);
            }
        }

        private void delegate(String value, Delegates.Use use, String id) {
            String bean = isExpression(value) ? inner(value).strip() : null;
            var delegate = bean == null ? java.util.Optional.<Delegates>empty() : Delegates.byBeanName(bean);
            if (delegate.isEmpty() || delegate.get().use() != use) {
                refuse(id, abbreviate(value) + " is not an allowlisted delegate for a "
                        + use.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " (allowed: "
                        + java.util.Arrays.stream(Delegates.values()).filter(d -> d.use() == use)
                        .map(d -> "${" + d.beanName() + "}").toList() + ")");
            }
        }

        private void noExpressionsIn(Element element, String id) {
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                literal(attributes.item(i).getNodeValue(), id, attributes.item(i).getNodeName());
            }
            literal(element.getTextContent(), id, "diagram text");
            for (Node child = element.getFirstChild(); child != null; child = child.getNextSibling()) {
                if (child instanceof Element childElement) {
                    String ns = childElement.getNamespaceURI();
                    if (!DIAGRAM_NAMESPACES.contains(ns)) {
                        refuse(id, "the element " + qualified(childElement) + " is not allowed in a diagram");
                    } else {
                        noExpressionsIn(childElement, id);
                    }
                }
            }
        }

        private void literal(String value, String id, String what) {
            if (value != null && (value.contains("${") || value.contains("#{"))) {
                refuse(id, what + " may not hold an expression: " + abbreviate(value));
            }
        }

        private void refuse(String id, String reason) {
            problems.add(new DeploymentProblem(id, reason));
        }

        private static String qualified(Element element) {
            return element.getPrefix() == null ? element.getLocalName() : element.getPrefix() + ":" + element.getLocalName();
        }
    }

    private static boolean isExpression(String value) {
        return value.contains("${") || value.contains("#{");
    }

    /**
     * The inside of a value that is exactly one {@code ${...}}; anything else that holds an expression (composite
     * text, deferred {@code #{...}}) yields a mark the grammar refuses.
     */
    private static String inner(String value) {
        String trimmed = value.strip();
        if (trimmed.startsWith("${") && trimmed.endsWith("}") && trimmed.indexOf("${", 2) < 0 && !trimmed.contains("#{")) {
            return trimmed.substring(2, trimmed.length() - 1);
        }
        return NOT_ONE_EXPRESSION;
    }

    private static final String NOT_ONE_EXPRESSION = "\u0000";

    private static final long MIN_CYCLE_SECONDS = 60;
    /**
     * The variables a timer may wait for: durations Omnicase's own code sets (routing's SLA, the self-service timeout,
     * the auto-close delay), which no form can write (a form's keys are never the process's own variables).
     */
    private static final List<String> TIMER_VARIABLES = List.of(CustomerCaseProcess.Variables.SLA_DURATION,
            CustomerCaseProcess.Variables.SELF_SERVICE_TIMEOUT, CustomerCaseProcess.Variables.AUTO_CLOSE_AFTER);
    private static final int MAX_DEPTH = 100;

    /**
     * The shortest period of a cycle, in seconds: its durations ("R5/PT10M", "R/2026-01-01T00:00:00Z/P1D"), or the time
     * between its start and end ("R/2026-01-01T00:00:00Z/2026-01-01T00:00:01Z" repeats every second).
     */
    static long cyclePeriodSeconds(String cycle) {
        long shortest = Long.MAX_VALUE;
        String[] parts = cycle.split("/");
        if (parts.length == 3 && !parts[1].startsWith("P") && !parts[2].startsWith("P")) {
            java.time.Instant start = instant(parts[1]);
            java.time.Instant end = instant(parts[2]);
            if (start == null || end == null) {
                return 0; // not a period this check can read: refused as too short
            }
            shortest = Math.max(0, Duration.between(start, end).toSeconds());
        }
        for (String part : parts) {
            Matcher d = ISO_DURATION.matcher(part);
            if (!part.startsWith("P") || !d.matches()) {
                continue;
            }
            double seconds = amount(d.group(1)) * 365 * 86_400 + amount(d.group(2)) * 30 * 86_400
                    + amount(d.group(3)) * 7 * 86_400 + amount(d.group(4)) * 86_400
                    + amount(d.group(6)) * 3_600 + amount(d.group(7)) * 60 + amount(d.group(8));
            shortest = Math.min(shortest, (long) Math.floor(seconds));
        }
        return shortest;
    }

    private static java.time.Instant instant(String text) {
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return LocalDateTime.parse(text).toInstant(java.time.ZoneOffset.UTC);
            } catch (DateTimeParseException again) {
                return null;
            }
        }
    }

    /** The number of an ISO 8601 duration's part ("10M" is 10), 0 when the part is absent. */
    private static double amount(String part) {
        return part == null ? 0 : Double.parseDouble(part.substring(0, part.length() - 1));
    }

    private static boolean isDuration(String text) {
        if (!ISO_DURATION.matcher(text).matches()) {
            return false;
        }
        try {
            if (text.contains("T") && !text.contains("Y") && !text.contains("M") && !text.contains("W")) {
                Duration.parse(text);
            } else if (!text.contains("T")) {
                Period.parse(text);
            }
            return true;
        } catch (DateTimeParseException e) {
            return text.contains("T"); // mixed date and time parts (P1DT2H) are valid ISO 8601 too
        }
    }

    private static boolean isDate(String text) {
        try {
            OffsetDateTime.parse(text);
            return true;
        } catch (DateTimeParseException e) {
            try {
                LocalDateTime.parse(text);
                return true;
            } catch (DateTimeParseException e2) {
                return false;
            }
        }
    }

    private static String abbreviate(String value) {
        String single = value.replaceAll("\\s+", " ").strip();
        return single.length() <= 120 ? single : single.substring(0, 117) + "...";
    }

    static DocumentBuilder parser() {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
            factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            factory.setXIncludeAware(false);
            factory.setExpandEntityReferences(false);
            DocumentBuilder builder = factory.newDocumentBuilder();
            builder.setErrorHandler(null);
            return builder;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The expression grammar: {@code or := and (("||" | "or") and)*}, {@code and := not (("&&" | "and") not)*},
     * {@code not := ("!" | "not") not | cmp}, {@code cmp := primary (("==" | "!=" | "<" | ">" | "<=" | ">=" | "eq" |
     * "ne" | "lt" | "gt" | "le" | "ge") primary)?}, {@code primary := variable | string | number | true | false |
     * null | "(" or ")"}. No property access, no method or function calls, no arithmetic.
     */
    static final class Grammar {

        private static final Set<String> COMPARISONS = Set.of("==", "!=", "<", ">", "<=", ">=", "eq", "ne", "lt", "gt", "le", "ge");
        private static final Set<String> KEYWORDS = Set.of("and", "or", "not", "eq", "ne", "lt", "gt", "le", "ge",
                "true", "false", "null");

        /**
         * How deep parentheses and negations may nest: a condition people write nests a few levels, and the check is
         * recursive (probe 46: 5,000 opening parentheses or "!" overflowed its stack, and the designer's check answered
         * 500).
         */
        static final int MAX_NESTING = 32;

        private final List<String> tokens;
        private int position;
        private int depth;

        private Grammar(List<String> tokens) {
            this.tokens = tokens;
        }

        static boolean isVariable(String expression) {
            String trimmed = expression.strip();
            return trimmed.matches("[A-Za-z_][A-Za-z0-9_]*") && !KEYWORDS.contains(trimmed)
                    && !RESERVED_NAMES.contains(trimmed) && Delegates.byBeanName(trimmed).isEmpty();
        }

        /** Null when the expression is in the grammar, else why not. */
        static String problemWith(String expression) {
            List<String> tokens = new ArrayList<>();
            String problem = tokenize(expression, tokens);
            if (problem != null) {
                return problem;
            }
            if (tokens.isEmpty()) {
                return "it is empty";
            }
            Grammar grammar = new Grammar(tokens);
            try {
                grammar.or();
                if (grammar.position != tokens.size()) {
                    return "unexpected '" + tokens.get(grammar.position) + "'";
                }
                return null;
            } catch (IllegalArgumentException e) {
                return e.getMessage();
            }
        }

        private static String tokenize(String text, List<String> tokens) {
            int i = 0;
            while (i < text.length()) {
                char c = text.charAt(i);
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                    i++;
                } else if (Character.isLetter(c) || c == '_') {
                    int start = i;
                    while (i < text.length() && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                        i++;
                    }
                    if (i < text.length() && (text.charAt(i) == '.' || text.charAt(i) == '(' || text.charAt(i) == '['
                            || text.charAt(i) == ':')) {
                        return "only variable names, comparisons, and/or/not and literals are allowed; no property "
                                + "access or method calls ('" + text.substring(start, i + 1) + "')";
                    }
                    tokens.add(text.substring(start, i));
                } else if (Character.isDigit(c)) {
                    int start = i;
                    while (i < text.length() && (Character.isDigit(text.charAt(i)) || text.charAt(i) == '.')) {
                        i++;
                    }
                    String number = text.substring(start, i);
                    if (!number.matches("\\d{1,18}(\\.\\d{1,18})?")) {
                        return "'" + number + "' is not a number";
                    }
                    tokens.add("#" + number);
                } else if (c == '\'' || c == '"') {
                    int end = i + 1;
                    while (end < text.length() && text.charAt(end) != c) {
                        end += text.charAt(end) == '\\' ? 2 : 1;
                    }
                    if (end >= text.length()) {
                        return "a string literal is not closed";
                    }
                    tokens.add("'");
                    i = end + 1;
                } else {
                    String two = i + 1 < text.length() ? text.substring(i, i + 2) : "";
                    if (Set.of("==", "!=", "<=", ">=", "&&", "||").contains(two)) {
                        tokens.add(two);
                        i += 2;
                    } else if ("<>!()".indexOf(c) >= 0) {
                        tokens.add(String.valueOf(c));
                        i++;
                    } else {
                        return c == 0 ? "a value holds exactly one expression ${...}, nothing around it"
                                : "'" + c + "' is not allowed: only variable names, comparisons, and/or/not and literals";
                    }
                }
            }
            return null;
        }

        private void deeper() {
            if (++depth > MAX_NESTING) {
                throw new IllegalArgumentException("it nests parentheses and negations more than " + MAX_NESTING + " deep");
            }
        }

        private String peek() {
            return position < tokens.size() ? tokens.get(position) : null;
        }

        private void or() {
            and();
            while ("||".equals(peek()) || "or".equals(peek())) {
                position++;
                and();
            }
        }

        private void and() {
            not();
            while ("&&".equals(peek()) || "and".equals(peek())) {
                position++;
                not();
            }
        }

        private void not() {
            if ("!".equals(peek()) || "not".equals(peek())) {
                position++;
                deeper();
                not();
                depth--;
                return;
            }
            primary();
            if (peek() != null && COMPARISONS.contains(peek())) {
                position++;
                primary();
            }
        }

        private void primary() {
            String token = peek();
            if (token == null) {
                throw new IllegalArgumentException("it ends too early");
            }
            position++;
            if ("(".equals(token)) {
                deeper();
                or();
                depth--;
                if (!")".equals(peek())) {
                    throw new IllegalArgumentException("a parenthesis is not closed");
                }
                position++;
            } else if (token.equals("'") || token.startsWith("#") || Set.of("true", "false", "null").contains(token)) {
                return;
            } else if (!isVariable(token)) {
                throw new IllegalArgumentException("'" + token + "' is not a process variable");
            }
        }
    }
}
