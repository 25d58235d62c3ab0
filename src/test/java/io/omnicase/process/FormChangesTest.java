package io.omnicase.process;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** What a designer's form edits look like in Compare: fields by key, each change in words. */
class FormChangesTest {

    private static final String RESOLVE = """
            {"id":"resolve-case","components":[
              {"type":"text","id":"text_intro","text":"## Resolve the case"},
              {"type":"radio","id":"field_topic","key":"topic","label":"Topic","validate":{"required":true},
               "values":[{"label":"Billing","value":"BILLING"},{"label":"Other","value":"OTHER"}]},
              {"type":"textarea","id":"field_resolution","key":"resolution","label":"Resolution",
               "validate":{"required":true,"maxLength":4000}}]}""";

    @Test
    void aRenamedLabelAnOptionalFieldAndANewFieldAreEachNamed() {
        String edited = RESOLVE.replace("\"label\":\"Resolution\"", "\"label\":\"How was it resolved?\"")
                .replace("\"validate\":{\"required\":true,\"maxLength\":4000}", "\"validate\":{\"maxLength\":4000}");
        edited = edited.substring(0, edited.lastIndexOf("]}"))
                + ",{\"type\":\"textfield\",\"key\":\"ticket\",\"label\":\"Ticket number\"}]}";

        List<ProcessDesign.FormChange> changes = FormChanges.between(Map.of("resolve-case", RESOLVE),
                Map.of("resolve-case", edited));

        assertThat(changes).hasSize(1);
        assertThat(changes.get(0).change()).isEqualTo("changed");
        assertThat(changes.get(0).changes()).containsExactlyInAnyOrder(
                "added: field ticket (textfield, Ticket number)",
                "field resolution: label: Resolution -> How was it resolved?",
                "field resolution: validate: {\"required\":true,\"maxLength\":4000} -> {\"maxLength\":4000}");
    }

    @Test
    void sameFormsAreNoChangeAndWholeFormsAddedOrRemovedAreSaidSo() {
        assertThat(FormChanges.between(Map.of("resolve-case", RESOLVE), Map.of("resolve-case", RESOLVE))).isEmpty();
        assertThat(FormChanges.between(Map.of("resolve-case", RESOLVE.replace("\n", "")), Map.of("resolve-case", RESOLVE)))
                .as("layout of the JSON only").isEmpty();

        List<ProcessDesign.FormChange> changes = FormChanges.between(Map.of("old-form", RESOLVE), Map.of("resolve-case", RESOLVE));

        assertThat(changes).extracting(ProcessDesign.FormChange::formId, ProcessDesign.FormChange::change)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old-form", "removed"),
                        org.assertj.core.groups.Tuple.tuple("resolve-case", "added"));
        assertThat(changes.get(1).changes()).contains("field topic (radio, Topic)", "field resolution (textarea, Resolution)");
    }

    @Test
    void aRemovedOptionAndAMovedFieldAreNamed() {
        String edited = """
                {"id":"resolve-case","components":[
                  {"type":"text","id":"text_intro","text":"## Resolve the case"},
                  {"type":"textarea","id":"field_resolution","key":"resolution","label":"Resolution",
                   "validate":{"required":true,"maxLength":4000}},
                  {"type":"radio","id":"field_topic","key":"topic","label":"Topic","validate":{"required":true},
                   "values":[{"label":"Billing","value":"BILLING"}]}]}""";

        List<String> changes = FormChanges.between(Map.of("f", RESOLVE), Map.of("f", edited)).get(0).changes();

        assertThat(changes).anySatisfy(c -> assertThat(c).startsWith("field topic: values: ").contains("OTHER"));
        assertThat(changes).contains("order: text_intro, topic, resolution -> text_intro, resolution, topic");
    }
}
