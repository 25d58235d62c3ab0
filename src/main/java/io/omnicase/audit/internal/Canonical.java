package io.omnicase.audit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.TreeMap;

/**
 * The canonical JSON and the hashes of the chain: keys sorted, no whitespace, times as ISO-8601 UTC with microseconds
 * (what a MariaDB TIMESTAMP(6) keeps), so a verifier recomputes exactly the bytes that were hashed.
 */
public final class Canonical {

    public static final String GENESIS = "0".repeat(64);

    static final ObjectMapper JSON = JsonMapper.builder()
            .findAndAddModules()
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .build();

    private Canonical() {
    }

    public static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit content is not serialisable", e);
        }
    }

    private static final ObjectMapper PLAIN = JsonMapper.builder().build();

    /** JSON in the order given, for what is not hashed (a parked entry's envelope): no sorting to pay for. */
    static String plainJson(Object value) {
        try {
            return PLAIN.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit content is not serialisable", e);
        }
    }

    /** Parsed JSON, to nest as it is inside an entry's content. */
    public static Object tree(String json) {
        try {
            return json == null ? null : JSON.readValue(json, Object.class);
        } catch (JsonProcessingException e) {
            return json;
        }
    }

    public static Instant time(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /** The header an entry's hash covers: everything but the content, which it covers through its digest. */
    public static String header(long seq, String kind, Long caseId, Long customerId, String actor, Instant occurredAt,
                                String contentDigest) {
        TreeMap<String, Object> header = new TreeMap<>();
        header.put("seq", seq);
        header.put("kind", kind);
        header.put("caseId", caseId);
        header.put("customerId", customerId);
        header.put("actor", actor);
        header.put("occurredAt", time(occurredAt).toString());
        header.put("contentDigest", contentDigest);
        return json(header);
    }

    public static String hash(String prevHash, String header) {
        return sha256(prevHash + header);
    }

    public static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
