package io.omnicase.cases;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a timeline entry records beside its text: a routing {@link Decision}, typed, or the fields of any other entry
 * (a status change, a delivery status, a note). Both are stored and shown as one JSON object of their fields.
 */
public sealed interface EntryDetail permits Decision, EntryDetail.Fields {

    /** The fields of an entry that is not a decision, as they were recorded. */
    record Fields(@JsonValue Map<String, Object> values) implements EntryDetail {

        public Fields {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }
    }

    /** The fields as an entry's detail; null when there are none. */
    static EntryDetail of(Map<String, Object> values) {
        return values == null ? null : new Fields(values);
    }
}
