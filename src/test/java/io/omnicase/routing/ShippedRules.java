package io.omnicase.routing;

import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;

/** The shipped rule table, rules/routing-rules.json, as the tests count it: a new shipped row moves no test's numbers. */
final class ShippedRules {

    /** How many rows the shipped table has; a row a test adds is row {@code COUNT + 1} (counted from 1). */
    static final int COUNT = count();

    private ShippedRules() {
    }

    private static int count() {
        try {
            return new ObjectMapper().readTree(Path.of("rules/routing-rules.json").toFile()).get("rules").size();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
