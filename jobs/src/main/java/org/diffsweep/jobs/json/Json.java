package org.diffsweep.jobs.json;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * The one JSON writer and reader of diffsweep: pretty-printed, map keys sorted, null values dropped, doubles in
 * Java's shortest round-trip form. Every command's {@code --json} output, the canonical spec file and the output
 * state file go through it.
 */
public final class Json {
    private Json() {}

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .setDefaultPropertyInclusion(JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL));

    /** Insertion-ordered variant (command reports keep their field order). */
    private static final ObjectMapper ORDERED = MAPPER.copy().disable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** Pretty JSON of a value tree (maps, lists, records, numbers, strings), keys sorted, plus a final newline. */
    public static String sorted(Object value) { return write(MAPPER, value) + "\n"; }

    /** Pretty JSON keeping map insertion order (no final newline). */
    public static String ordered(Object value) { return write(ORDERED, value); }

    /** The JSON tree of a value (insertion order kept). */
    public static JsonNode tree(Object value) { return ORDERED.valueToTree(value); }

    /** A record (or bean) as an insertion-ordered map of its properties. */
    @SuppressWarnings("unchecked")
    public static java.util.Map<String, Object> map(Object value) {
        return ORDERED.convertValue(value, java.util.LinkedHashMap.class);
    }

    /** A mutable insertion-ordered map of alternating keys and values: {@code object("a", 1, "b", x)}. */
    public static java.util.LinkedHashMap<String, Object> object(Object... keysAndValues) {
        java.util.LinkedHashMap<String, Object> m = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        return m;
    }

    /** Parses JSON text. */
    public static JsonNode parse(String text) throws JsonProcessingException {
        return MAPPER.readTree(text);
    }

    private static String write(ObjectMapper m, Object value) {
        try {
            return m.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON-serialisable: " + e.getOriginalMessage(), e);
        }
    }
}
