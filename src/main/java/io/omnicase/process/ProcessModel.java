package io.omnicase.process;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * A BPMN model read as a document (with the deployment policy's parser: no DOCTYPE, no entities), for what the
 * designer compares and checks: its elements with ids, their types, names, attributes and what they hold.
 */
final class ProcessModel {

    private final Element definitions;

    private ProcessModel(Element definitions) {
        this.definitions = definitions;
    }

    /** The model, or empty when it is not a well-formed BPMN document (the deployment policy says why). */
    static Optional<ProcessModel> read(String xml) {
        try {
            Document document = DeploymentPolicy.parser().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
            Element root = document.getDocumentElement();
            if (!DeploymentPolicy.BPMN.equals(root.getNamespaceURI()) || !"definitions".equals(root.getLocalName())) {
                return Optional.empty();
            }
            return Optional.of(new ProcessModel(root));
        } catch (SAXException | IOException e) {
            return Optional.empty();
        }
    }

    /** The executable processes of the model. */
    List<Element> processes() {
        return bpmnChildren(definitions, "process");
    }

    /** The messages the model declares, by id. */
    Map<String, Element> messages() {
        Map<String, Element> messages = new LinkedHashMap<>();
        for (Element message : bpmnChildren(definitions, "message")) {
            messages.put(message.getAttribute("id"), message);
        }
        return messages;
    }

    /** Every element of the processes and the messages that has an id: what a diff compares. */
    Map<String, Element> elements() {
        Map<String, Element> elements = new LinkedHashMap<>();
        for (Element message : bpmnChildren(definitions, "message")) {
            elements.put(message.getAttribute("id"), message);
        }
        for (Element process : processes()) {
            collect(process, elements);
        }
        return elements;
    }

    private static void collect(Element parent, Map<String, Element> into) {
        for (Element child : bpmnChildren(parent, null)) {
            String local = child.getLocalName();
            if ("laneSet".equals(local) || "lane".equals(local)) {
                collect(child, into);
            }
            if (child.hasAttribute("id") && !"laneSet".equals(local)) {
                into.put(child.getAttribute("id"), child);
            }
        }
    }

    /**
     * What an element is, for comparing two versions: its attributes (but its id) and, for what it holds, a line per
     * event definition, condition, timer, listener, input/output and form field; the diagram and whitespace are left out.
     */
    static Map<String, String> signature(Element element) {
        Map<String, String> signature = new TreeMap<>();
        NamedNodeMap attributes = element.getAttributes();
        for (int i = 0; i < attributes.getLength(); i++) {
            Node attribute = attributes.item(i);
            String ns = attribute.getNamespaceURI();
            if ("id".equals(attribute.getLocalName()) && ns == null || "http://www.w3.org/2000/xmlns/".equals(ns)) {
                continue;
            }
            signature.put(DeploymentPolicy.CAMUNDA.equals(ns) ? "camunda:" + attribute.getLocalName()
                    : attribute.getLocalName(), attribute.getNodeValue());
        }
        holds(element, "", signature);
        return signature;
    }

    private static void holds(Element parent, String path, Map<String, String> signature) {
        Map<String, Integer> seen = new java.util.HashMap<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (!(child instanceof Element element)) {
                continue;
            }
            String local = element.getLocalName();
            // Documentation counts: a version that only explains a task to agents was "the same process" in Compare,
            // and nobody could see what its deployment changed (walk 48).
            if (Set.of("incoming", "outgoing").contains(local)) {
                continue;
            }
            int n = seen.merge(local, 1, Integer::sum);
            String key = path + (path.isEmpty() ? "" : "/") + local + (n > 1 ? "[" + n + "]" : "");
            StringBuilder value = new StringBuilder();
            NamedNodeMap attributes = element.getAttributes();
            for (int i = 0; i < attributes.getLength(); i++) {
                Node attribute = attributes.item(i);
                if ("http://www.w3.org/2000/xmlns/".equals(attribute.getNamespaceURI())
                        || "type".equals(attribute.getLocalName()) && attribute.getNamespaceURI() != null) {
                    continue;
                }
                value.append(value.isEmpty() ? "" : " ").append(attribute.getLocalName()).append('=').append(attribute.getNodeValue());
            }
            boolean hasElements = false;
            for (Node grandchild = element.getFirstChild(); grandchild != null; grandchild = grandchild.getNextSibling()) {
                hasElements |= grandchild instanceof Element;
            }
            if (!hasElements) {
                String text = element.getTextContent().strip();
                if (!text.isEmpty()) {
                    value.append(value.isEmpty() ? "" : " ").append(text.replaceAll("\\s+", " "));
                }
            }
            signature.put(key, value.toString());
            if (hasElements) {
                holds(element, key, signature);
            }
        }
    }

    static List<Element> bpmnChildren(Element parent, String localName) {
        List<Element> children = new ArrayList<>();
        for (Node child = parent.getFirstChild(); child != null; child = child.getNextSibling()) {
            if (child instanceof Element element && DeploymentPolicy.BPMN.equals(element.getNamespaceURI())
                    && (localName == null || localName.equals(element.getLocalName()))) {
                children.add(element);
            }
        }
        return children;
    }

    static List<Element> camundaDescendants(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        var list = parent.getElementsByTagNameNS(DeploymentPolicy.CAMUNDA, localName);
        for (int i = 0; i < list.getLength(); i++) {
            found.add((Element) list.item(i));
        }
        return found;
    }
}
