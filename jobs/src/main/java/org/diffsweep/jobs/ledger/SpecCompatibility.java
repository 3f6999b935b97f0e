package org.diffsweep.jobs.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether a sweep may resume into an output folder whose ledger was written under another spec.
 *
 * <p>The stored and the new canonical spec (YAML or JSON text) are compared as trees. Allowed (additive) changes:
 * <ul>
 *   <li>{@code seeds} (at any depth) grew;</li>
 *   <li>a {@code values} list (an axis's explicit values) gained entries and kept every old one.</li>
 * </ul>
 * Every other difference — a changed scalar, an added or removed key, a changed range, a reordered or shortened
 * list — is incompatible, and the message names its path (e.g. {@code base.psiN}) and both values. Additive changes
 * keep the identity of every existing point (pointIds depend only on a point's coordinates), so a resume computes only
 * the new points.
 */
public final class SpecCompatibility {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private SpecCompatibility() {}

    /** Empty when {@code current} may resume a ledger written under {@code stored}; otherwise why not. */
    public static Optional<String> incompatibility(String stored, String current) {
        if (stored.equals(current)) return Optional.empty();
        JsonNode a, b;
        try {
            a = YAML.readTree(stored);
            b = YAML.readTree(current);
        } catch (IOException e) {
            return Optional.of("the spec text changed and could not be compared field by field (" + e.getMessage() + ")");
        }
        return diff("", a, b);
    }

    private static Optional<String> diff(String path, JsonNode old, JsonNode now) {
        if (old == null || old.isMissingNode() || old.isNull()) {
            return (now == null || now.isMissingNode() || now.isNull()) ? Optional.empty()
                    : changed(path, "absent", now);
        }
        if (now == null || now.isMissingNode() || now.isNull()) return changed(path, old, "absent");
        String key = lastKey(path);
        if (old.isObject() && now.isObject()) {
            Set<String> keys = new LinkedHashSet<>();
            old.fieldNames().forEachRemaining(keys::add);
            now.fieldNames().forEachRemaining(keys::add);
            for (String k : keys) {
                Optional<String> d = diff(path.isEmpty() ? k : path + "." + k, old.get(k), now.get(k));
                if (d.isPresent()) return d;
            }
            return Optional.empty();
        }
        if (old.isArray() && now.isArray()) {
            if ("values".equals(key) && now.size() >= old.size()) {
                for (JsonNode v : old) {
                    if (!containsValue(now, v)) {
                        return Optional.of("field '" + path + "' lost the value " + v.asText()
                                + " (only adding axis values is allowed on resume)");
                    }
                }
                return Optional.empty();
            }
            if (old.size() != now.size()) return changed(path, old, now);
            for (int i = 0; i < old.size(); i++) {
                Optional<String> d = diff(path + "[" + i + "]", old.get(i), now.get(i));
                if (d.isPresent()) return d;
            }
            return Optional.empty();
        }
        if (old.isNumber() && now.isNumber()) {
            if (old.asDouble() == now.asDouble()) return Optional.empty();
            if ("seeds".equals(key) && now.asDouble() > old.asDouble()) return Optional.empty();
            return changed(path, old, now);
        }
        if (old.equals(now)) return Optional.empty();
        return changed(path, old, now);
    }

    private static boolean containsValue(JsonNode array, JsonNode v) {
        for (Iterator<JsonNode> it = array.elements(); it.hasNext(); ) {
            JsonNode x = it.next();
            if (x.equals(v) || (x.isNumber() && v.isNumber() && x.asDouble() == v.asDouble())) return true;
        }
        return false;
    }

    private static String lastKey(String path) {
        int i = path.lastIndexOf('.');
        String k = i < 0 ? path : path.substring(i + 1);
        int b = k.indexOf('[');
        return b < 0 ? k : k.substring(0, b);
    }

    private static Optional<String> changed(String path, Object old, Object now) {
        return Optional.of("field '" + (path.isEmpty() ? "<root>" : path) + "' changed from " + show(old) + " to "
                + show(now) + "; only more seeds or more axis values may be added when resuming (use a new output"
                + " folder for a different sweep)");
    }

    private static String show(Object o) {
        String s = o instanceof JsonNode n ? (n.isValueNode() ? n.asText() : n.toString()) : String.valueOf(o);
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }
}
