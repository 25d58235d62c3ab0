package io.omnicase.process;

import io.omnicase.process.CustomerCaseProcess.Delegates;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Camunda 7 element templates for the modeler, made from the one allowlist of delegates ({@link Delegates}): a
 * designer picks "Assess case" or "Escalate to queue" for a service task instead of typing an expression, and a
 * template cannot name what the deployment policy would refuse.
 */
public final class ElementTemplates {

    static final String SCHEMA = "https://unpkg.com/@camunda/element-templates-json-schema/resources/schema.json";
    static final String ID_PREFIX = "io.omnicase.";

    private ElementTemplates() {
    }

    /** One template per service-task delegate, in the allowlist's order. */
    public static List<Map<String, Object>> serviceTasks() {
        List<Map<String, Object>> templates = new ArrayList<>();
        for (Delegates delegate : Delegates.values()) {
            if (delegate.use() != Delegates.Use.SERVICE_TASK) {
                continue;
            }
            List<Map<String, Object>> properties = new ArrayList<>();
            properties.add(property("Delegate", "${" + delegate.beanName() + "}", "camunda:delegateExpression"));
            if (delegate.asyncBefore()) {
                properties.add(property("Runs as a job after the case is stored", "true", "camunda:asyncBefore"));
            }
            Map<String, Object> template = new LinkedHashMap<>();
            template.put("$schema", SCHEMA);
            template.put("name", delegate.label());
            template.put("id", ID_PREFIX + delegate.beanName());
            template.put("version", 1);
            template.put("description", delegate.description());
            template.put("appliesTo", List.of("bpmn:ServiceTask"));
            template.put("entriesVisible", false);
            template.put("properties", properties);
            templates.add(template);
        }
        return templates;
    }

    private static Map<String, Object> property(String label, String value, String attribute) {
        Map<String, Object> property = new LinkedHashMap<>();
        property.put("label", label);
        property.put("type", "Hidden");
        property.put("value", value);
        property.put("binding", Map.of("type", "property", "name", attribute));
        return property;
    }
}
