package io.omnicase.process;

import io.omnicase.process.CustomerCaseProcess.Contract;
import io.omnicase.process.CustomerCaseProcess.Delegates;
import io.omnicase.process.CustomerCaseProcess.Elements;
import org.w3c.dom.Element;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Checks a model of the case process against what the code relies on ({@link Contract}) and the forms it is deployed
 * with: the process id, one plain start event (the code starts it by key with the case id as business key), the
 * elements the code names, the messages it correlates, the listeners it counts on, and each form a user task names.
 */
final class CodeContractCheck {

    private CodeContractCheck() {
    }

    static List<DeploymentProblem> problems(ProcessModel model, Collection<String> formIds) {
        List<DeploymentProblem> problems = new ArrayList<>();
        List<Element> processes = model.processes();
        if (processes.size() != 1) {
            problems.add(new DeploymentProblem(null, "the model holds exactly one process, " + Contract.PROCESS_ID));
            return problems;
        }
        Element process = processes.get(0);
        String processId = process.getAttribute("id");
        if (!Contract.PROCESS_ID.equals(processId)) {
            problems.add(new DeploymentProblem(processId, "the process id must stay " + Contract.PROCESS_ID
                    + " (the code starts and finds cases' processes by it)"));
        }
        if (!"true".equals(process.getAttribute("isExecutable"))) {
            problems.add(new DeploymentProblem(processId, "the process must be executable"));
        }
        List<Element> starts = ProcessModel.bpmnChildren(process, "startEvent");
        if (starts.size() != 1) {
            problems.add(new DeploymentProblem(starts.isEmpty() ? processId : starts.get(1).getAttribute("id"),
                    "the process has exactly one start event: the code starts it when a case opens, with the case id "
                            + "as business key"));
        } else if (!ProcessModel.bpmnChildren(starts.get(0), null).stream()
                .allMatch(child -> child.getLocalName().equals("outgoing") || child.getLocalName().equals("documentation")
                        || child.getLocalName().equals("extensionElements"))) {
            problems.add(new DeploymentProblem(starts.get(0).getAttribute("id"),
                    "the start event is a plain one: the code starts the process when a case opens"));
        }
        Map<String, Element> elements = model.elements();
        for (Map.Entry<Elements, String> required : Contract.ELEMENTS.entrySet()) {
            Element element = elements.get(required.getKey().id());
            if (element == null) {
                problems.add(new DeploymentProblem(null, "the code refers to the " + required.getValue() + " "
                        + required.getKey().id() + ": the model must keep it, with this id"));
            } else if (!required.getValue().equals(element.getLocalName())) {
                problems.add(new DeploymentProblem(required.getKey().id(), required.getKey().id() + " must stay a "
                        + required.getValue() + " (the code works it as one)"));
            }
        }
        Map<String, Element> messages = model.messages();
        for (String name : Contract.CAUGHT_MESSAGES) {
            List<String> ids = messages.values().stream().filter(m -> name.equals(m.getAttribute("name")))
                    .map(m -> m.getAttribute("id")).toList();
            boolean caught = elements.values().stream().anyMatch(element -> ProcessModel.bpmnChildren(element,
                    "messageEventDefinition").stream().anyMatch(d -> ids.contains(d.getAttribute("messageRef"))));
            if (!caught) {
                problems.add(new DeploymentProblem(null, "the code sends the message " + name
                        + ": the model must declare it and catch it (an intermediate or boundary message event)"));
            }
        }
        for (Map.Entry<Elements, Map<String, Delegates>> required : Contract.TASK_LISTENERS.entrySet()) {
            Element element = elements.get(required.getKey().id());
            if (element == null) {
                continue;
            }
            for (Map.Entry<String, Delegates> listener : required.getValue().entrySet()) {
                String expression = "${" + listener.getValue().beanName() + "}";
                boolean present = ProcessModel.camundaDescendants(element, "taskListener").stream()
                        .anyMatch(l -> listener.getKey().equals(l.getAttribute("event"))
                                && expression.equals(l.getAttribute("delegateExpression").strip()));
                if (!present) {
                    problems.add(new DeploymentProblem(required.getKey().id(), "needs the task listener "
                            + expression + " on " + listener.getKey() + " (" + listener.getValue().description() + ")"));
                }
            }
        }
        for (Element element : elements.values()) {
            String formRef = element.getAttributeNS(DeploymentPolicy.CAMUNDA, "formRef");
            if (!formRef.isEmpty() && !formIds.contains(formRef)) {
                problems.add(new DeploymentProblem(element.getAttribute("id"), "the form " + formRef
                        + " is not deployed with the model (send it in forms)"));
            }
        }
        return problems;
    }
}
