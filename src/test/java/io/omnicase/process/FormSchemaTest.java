package io.omnicase.process;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.omnicase.http.InvalidFieldException;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A submission is checked against a form-js schema field by field, the way the viewer checks it in the browser. */
class FormSchemaTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static final FormSchema FORM = FormSchema.parse("""
            { "id": "visit", "components": [
              { "type": "text", "id": "t", "text": "# Visit" },
              { "type": "textfield", "id": "a", "key": "email", "label": "E-mail", "validate": { "validationType": "email" } },
              { "type": "textfield", "id": "b", "key": "code", "validate": { "pattern": "^[A-Z]{3}-\\\\d+$", "minLength": 5 } },
              { "type": "checkbox", "id": "c", "key": "agreed", "validate": { "required": true } },
              { "type": "checklist", "id": "d", "key": "channels",
                "values": [ { "label": "Mail", "value": "MAIL" }, { "label": "Phone", "value": "PHONE" } ] },
              { "type": "datetime", "id": "e", "key": "visitOn", "subtype": "date" },
              { "type": "number", "id": "f", "key": "amount", "increment": "0.5", "validate": { "min": 1, "max": "=limit" } },
              { "type": "group", "id": "g", "path": "address", "components": [
                { "type": "textfield", "id": "h", "key": "city", "validate": { "required": true } } ] },
              { "type": "textfield", "id": "i", "key": "reason", "validate": { "required": true },
                "conditional": { "hide": "=agreed" } },
              { "type": "textfield", "id": "j", "key": "ticket", "disabled": true },
              { "type": "dynamiclist", "id": "k", "path": "items", "components": [
                { "type": "textfield", "id": "l", "key": "name", "validate": { "required": true } } ] } ] }
            """);

    @Test
    void aValidSubmissionBecomesProcessVariablesWithNestedValuesAsJsonText() {
        Map<String, Object> variables = FORM.variables(json("""
                { "email": "nora@example.com", "code": "ABC-12", "agreed": true, "channels": ["MAIL"],
                  "visitOn": "2030-01-31", "amount": 2.5, "address": { "city": "Berlin" }, "items": [ { "name": "Router" } ] }
                """));

        assertThat(variables).containsEntry("email", "nora@example.com").containsEntry("agreed", true)
                .containsEntry("amount", 2.5).containsEntry("channels", "[\"MAIL\"]")
                .containsEntry("address", "{\"city\":\"Berlin\"}").containsEntry("items", "[{\"name\":\"Router\"}]");
        assertThat(FORM.variableNames()).containsExactly("email", "code", "agreed", "channels", "visitOn", "amount",
                "address", "reason", "ticket", "items");
    }

    @Test
    void everyBrokenRuleIsNamedWithItsField() {
        assertThat(errors("""
                { "email": "not-mail", "code": "abc-1", "agreed": false, "channels": ["MAIL", "FAX"], "visitOn": "31.01.2030",
                  "amount": 0.7, "address": { "city": "", "zip": "10115" }, "ticket": "T-1", "items": [ { } ] }
                """)).containsExactlyInAnyOrder(
                "email must be an e-mail address",
                "code must match the pattern ^[A-Z]{3}-\\d+$",
                "agreed is required",
                "channels must hold only MAIL, PHONE",
                "visitOn must be a date (YYYY-MM-DD)",
                "amount must be at least 1",
                "address.city is required",
                "address.zip is not a field of this form",
                "ticket is disabled in the form and cannot be set",
                "items[0].name is required");
    }

    @Test
    void typesAreTheFormsTypes() {
        assertThat(errors("{ \"email\": 7, \"agreed\": \"yes\", \"channels\": \"MAIL\", \"amount\": \"2\", \"address\": \"Berlin\" }"))
                .containsExactlyInAnyOrder("email must be text", "agreed must be true or false",
                        "channels must be a list of the form's options", "amount must be a number",
                        "address must be an object of the form's fields", "address.city is required");
    }

    @Test
    void whatOnlyTheBrowserCanDecideIsLeftToIt() {
        // "reason" may be hidden by a FEEL condition, and the maximum is an expression: neither is judged here.
        assertThat(FORM.variables(json("{ \"agreed\": true, \"amount\": 1000, \"address\": { \"city\": \"Rome\" } }")))
                .containsEntry("amount", 1000);
    }

    @Test
    void aPatternThatBacktracksForeverDoesNotHoldTheServer() {
        FormSchema evil = FormSchema.parse("""
                { "id": "evil", "components": [ { "type": "textfield", "id": "x", "key": "x",
                  "validate": { "pattern": "^(a+)+$" } } ] }
                """);
        long start = System.nanoTime();

        assertThatThrownBy(() -> evil.variables(json("{ \"x\": \"" + "a".repeat(40) + "!\" }")))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("must match the pattern");

        assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds").isLessThan(2000);
    }

    /**
     * Java's matcher recurses once per repetition of a group with alternatives: a plain pattern such as
     * "^([A-Z]|[0-9])*$" overflowed the stack on 5,000 typed characters, and the resolve answered 500 (probe 46).
     */
    @Test
    void aLongTextAgainstAPatternThatRecursesIsRefusedInWords() {
        FormSchema form = FormSchema.parse("""
                { "id": "codes", "components": [ { "type": "textfield", "id": "x", "key": "x",
                  "validate": { "pattern": "^([A-Z]|[0-9])*$" } } ] }
                """);

        assertThatThrownBy(() -> form.variables(json("{ \"x\": \"" + "A1".repeat(10_000) + "\" }")))
                .isInstanceOf(InvalidFieldException.class).hasMessageContaining("must match the pattern");
        assertThat(form.variables(json("{ \"x\": \"AB12\" }"))).containsEntry("x", "AB12");
    }

    @Test
    void textThatIsNoFormIsRefused() {
        assertThatThrownBy(() -> FormSchema.parse("{ \"id\": \"x\" }")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FormSchema.parse("not json")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<String> errors(String submission) {
        try {
            FORM.variables(json(submission));
            return List.of();
        } catch (InvalidFieldException e) {
            return e.errors().stream().map(error -> error.field() + " " + error.message()).toList();
        }
    }

    private static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }
}
