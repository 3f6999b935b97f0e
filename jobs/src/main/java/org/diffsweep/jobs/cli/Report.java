package org.diffsweep.jobs.cli;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a command prints: JSON-ready {@code fields} (insertion order kept; values are strings, numbers, booleans,
 * lists, maps or records; null values are dropped from the output) and human {@code notes}, which go to standard
 * error and are never part of the JSON.
 */
public record Report(Map<String, Object> fields, List<String> notes) {
    public Report {
        fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
        notes = List.copyOf(notes);
    }
}
