package org.diffsweep.jobs.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.diffsweep.jobs.json.Json;

/**
 * Which ledger state the outputs of a folder were made from: the file {@code _outputs.json} lists the committed
 * waves at the time the outputs were written. It is deleted before outputs are (re)written and saved after the last
 * one, so outputs are current exactly when the file exists and lists the waves the ledger holds now; a run killed
 * while writing outputs, or a wave committed after them, makes the next run (or {@code report}) rewrite them.
 *
 * @param waves the committed waves the outputs reflect
 */
public record OutputState(List<Integer> waves) {
    public static final String FILE = "_outputs.json";

    public OutputState { waves = List.copyOf(waves); }

    /** The ledger's state now. */
    public static OutputState of(Ledger ledger) throws IOException {
        return new OutputState(ledger.committedWaves());
    }

    /** The state recorded with the outputs, or null when none was (or it is unreadable). */
    public static OutputState recorded(Ledger ledger) throws IOException {
        String text = ledger.readText(FILE);
        if (text == null) return null;
        try {
            JsonNode n = Json.parse(text).get("waves");
            List<Integer> w = new ArrayList<>();
            if (n != null) for (JsonNode x : n) w.add(x.asInt());
            return new OutputState(w);
        } catch (IOException e) {
            return null;
        }
    }

    /** True when the outputs were made from this state. */
    public boolean outputsCurrent(Ledger ledger) throws IOException {
        return equals(recorded(ledger));
    }

    /** Marks the outputs as being rewritten (not current). */
    public void clear(Ledger ledger) throws IOException {
        ledger.fs().delete(ledger.file(FILE), false);
    }

    /** Records that the outputs now reflect this state. */
    public void save(Ledger ledger) throws IOException {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("waves", waves);
        ledger.writeText(FILE, Json.sorted(m));
    }
}
