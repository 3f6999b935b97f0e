package org.diffsweep.jobs.spec;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reading YAML spec files into Jackson trees, and typed, path-aware field access with one-line errors
 * ({@link SpecException}). Package-private plumbing of {@link PointSpecs} and {@link SweepSpec}.
 */
final class Yaml {
    private Yaml() {}

    private static final ObjectMapper YAML = new ObjectMapper(YAMLFactory.builder().build())
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    /**
     * Numbers that YAML 1.1 resolves as strings but users mean as numbers ({@code 1e-2}, {@code 1.0e7}):
     * accepted when the whole scalar matches this.
     */
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");

    /** The text of a spec file, or a SpecException naming the file. */
    static String readFile(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw SpecException.file(file.toString(), "no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw SpecException.file(file.toString(), "not UTF-8 text");
        } catch (IOException e) {
            if (Files.isDirectory(file)) throw SpecException.file(file.toString(), "is a directory, expected a YAML file");
            throw SpecException.file(file.toString(), "cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Parses YAML text into a mapping node; {@code source} names the file in errors. */
    static JsonNode parseMapping(String text, String source, String expectedKeys) {
        JsonNode root;
        try {
            root = YAML.readTree(text);
        } catch (JsonProcessingException e) {
            JsonLocation loc = e.getLocation();
            String where = loc == null || loc.getLineNr() < 1 ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            String why = oneLine(e.getOriginalMessage());
            throw SpecException.file(source, "not valid YAML" + where + ": " + why);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw SpecException.file(source, "empty; expected a YAML mapping with keys " + expectedKeys);
        }
        if (!root.isObject()) {
            throw SpecException.file(source, "top level is " + kind(root) + "; expected a YAML mapping with keys " + expectedKeys);
        }
        return root;
    }

    private static String oneLine(String s) {
        if (s == null) return "parse error";
        String first = s.strip().split("\\R", 2)[0].strip();
        return first.length() > 160 ? first.substring(0, 157) + "..." : first;
    }

    static String kind(JsonNode n) {
        if (n.isObject()) return "a mapping";
        if (n.isArray()) return "a list";
        if (n.isNull()) return "null";
        return "a scalar";
    }

    /** A value as the user wrote it, one line, shortened. */
    static String show(JsonNode n) {
        if (n == null || n.isMissingNode()) return "(absent)";
        if (n.isNull()) return "null";
        String s = n.isValueNode() ? (n.isTextual() ? quoteIfNeeded(n.asText()) : n.asText()) : n.toString();
        return s.length() > 80 ? s.substring(0, 77) + "..." : s;
    }

    private static String quoteIfNeeded(String s) { return s.isEmpty() || s.isBlank() ? "\"" + s + "\"" : s; }

    static String child(String path, String key) { return path.isEmpty() ? key : path + "." + key; }

    /** Rejects keys outside {@code allowed} (listed in the message in the given order). */
    static void checkKeys(JsonNode obj, String path, List<String> allowed) {
        for (Map.Entry<String, JsonNode> e : obj.properties()) {
            if (!allowed.contains(e.getKey())) {
                throw SpecException.of(child(path, e.getKey()), show(e.getValue()),
                        "unknown key; allowed keys " + (path.isEmpty() ? "" : "of " + path + " ") + "are " + String.join(", ", allowed));
            }
        }
    }

    static JsonNode required(JsonNode obj, String key, String path, String allowed) {
        JsonNode v = obj.get(key);
        if (v == null || v.isNull()) throw SpecException.missing(child(path, key), allowed);
        return v;
    }

    /** A finite number, from a YAML number or a numeric-looking string ({@code 1e-2}). */
    static double number(JsonNode v, String path, String allowed) {
        double x;
        if (v.isNumber()) {
            x = v.doubleValue();
        } else if (v.isTextual() && NUMBER.matcher(v.asText().strip()).matches()) {
            x = Double.parseDouble(v.asText().strip());
        } else {
            throw SpecException.of(path, show(v), "not a number; must be " + allowed);
        }
        if (!Double.isFinite(x)) throw SpecException.of(path, show(v), "not finite; must be " + allowed);
        return x;
    }

    /** An integer (a whole YAML number, {@code 100} or {@code 100.0} or {@code 1e2}). */
    static long integer(JsonNode v, String path, String allowed) {
        double x = number(v, path, allowed);
        if (v.isIntegralNumber() && v.canConvertToLong()) return v.longValue();
        if (x != Math.rint(x) || Math.abs(x) > 9.007199254740992E15) {
            throw SpecException.of(path, show(v), "not an integer; must be " + allowed);
        }
        return (long) x;
    }

    static String text(JsonNode v, String path, String allowed) {
        if (!v.isValueNode() || v.isNull()) throw SpecException.of(path, show(v), "must be " + allowed);
        return v.asText();
    }

    /** Shortest round-trip text of a double for messages. */
    static String fmt(double x) { return org.diffsweep.core.point.PointProblem.show(x); }
}
