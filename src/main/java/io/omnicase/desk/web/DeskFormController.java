package io.omnicase.desk.web;

import io.omnicase.http.NotFoundException;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** Serves the Camunda forms of {@code ui-forms/} to the desk, which renders them. */
@RestController
class DeskFormController {

    @GetMapping(path = "/api/desk/forms/{name}", produces = MediaType.APPLICATION_JSON_VALUE)
    String form(@PathVariable String name) throws IOException {
        if (!name.matches("[a-z0-9-]{1,60}")) {
            throw new NotFoundException("Form " + name + " does not exist");
        }
        ClassPathResource form = new ClassPathResource("ui-forms/" + name + ".form");
        if (!form.exists()) {
            throw new NotFoundException("Form " + name + " does not exist");
        }
        return form.getContentAsString(StandardCharsets.UTF_8);
    }
}
