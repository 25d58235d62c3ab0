package io.omnicase.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What differs between two versions' forms, as a designer or auditor reads it: forms added and removed, and per form the
 * fields added, removed and changed, each change in words ("field resolution: label: Resolution -> How was it
 * resolved?"). A field is known by its key (by its id when it holds no value); the properties compared are the ones
 * an agent meets: type, label, description, required and the other checks, options, default value, read-only,
 * disabled and the condition that hides it. Text is only compared, never evaluated.
 */
final class FormChanges {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> PROPERTIES = List.of("type", "label", "text", "description", "validate", "values",
            "defaultValue", "readonly", "disabled", "conditional", "appearance");
    private static final int LONGEST = 120;

    private FormChanges() {
    }

    static List<ProcessDesign.FormChange> between(Map<String, String> before, Map<String, String> after) {
        List<ProcessDesign.FormChange> result = new ArrayList<>();
        TreeSet<String> ids = new TreeSet<>(before.keySet());
        ids.addAll(after.keySet());
        for (String id : ids) {
            String was = before.get(id);
            String is = after.get(id);
            if (was == null) {
                result.add(new ProcessDesign.FormChange(id, "added",
                        fields(is).entrySet().stream().map(e -> describe(e.getKey(), e.getValue())).toList()));
            } else if (is == null) {
                result.add(new ProcessDesign.FormChange(id, "removed", List.of()));
            } else if (!was.equals(is)) {
                List<String> changes = compare(fields(was), fields(is));
                if (!changes.isEmpty()) {
                    result.add(new ProcessDesign.FormChange(id, "changed", changes));
                }
            }
        }
        return result;
    }

    /** "field resolution (textarea, Resolution)". */
    private static String describe(String key, JsonNode field) {
        return "field " + key + " (" + text(field.get("type"))
                + (field.hasNonNull("label") ? ", " + text(field.get("label")) : "") + ")";
    }

    private static List<String> compare(Map<String, JsonNode> before, Map<String, JsonNode> after) {
        List<String> changes = new ArrayList<>();
        after.forEach((key, field) -> {
            if (!before.containsKey(key)) {
                changes.add("added: " + describe(key, field));
            }
        });
        before.forEach((key, field) -> {
            JsonNode other = after.get(key);
            if (other == null) {
                changes.add("removed: " + describe(key, field));
                return;
            }
            for (String property : PROPERTIES) {
                String a = text(field.get(property));
                String b = text(other.get(property));
                if (!Objects.equals(a, b)) {
                    changes.add("field " + key + ": " + property + ": " + (a == null ? "(none)" : a) + " -> "
                            + (b == null ? "(none)" : b));
                }
            }
        });
        List<String> order = new ArrayList<>(after.keySet());
        List<String> kept = before.keySet().stream().filter(after::containsKey).toList();
        List<String> keptAfter = order.stream().filter(before::containsKey).toList();
        if (!kept.equals(keptAfter)) {
            changes.add("order: " + String.join(", ", kept) + " -> " + String.join(", ", keptAfter));
        }
        return changes;
    }

    /** The form's components in order, nested groups included, by key (or id for those that hold no value). */
    private static Map<String, JsonNode> fields(String form) {
        Map<String, JsonNode> fields = new LinkedHashMap<>();
        try {
            collect(JSON.readTree(form).path("components"), fields);
        } catch (java.io.IOException | RuntimeException unreadable) {
            fields.put("(form)", JSON.createObjectNode().put("type", "unreadable"));
        }
        return fields;
    }

    private static void collect(JsonNode components, Map<String, JsonNode> fields) {
        if (!components.isArray()) {
            return;
        }
        for (JsonNode component : components) {
            String name = component.hasNonNull("key") ? component.get("key").asText()
                    : component.hasNonNull("id") ? component.get("id").asText() : "#" + fields.size();
            fields.putIfAbsent(name, component);
            collect(component.path("components"), fields);
        }
    }

    private static String text(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return null;
        }
        String text = value.isValueNode() ? value.asText() : value.toString();
        text = text.replaceAll("\\s+", " ").strip();
        return text.length() > LONGEST ? text.substring(0, LONGEST - 1) + "…" : text;
    }
}
