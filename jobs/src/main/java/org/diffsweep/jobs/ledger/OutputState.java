package org.diffsweep.jobs.ledger;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.diffsweep.jobs.json.Json;

/**
 * Which ledger state the outputs of a folder were made from: the file {@code _outputs.json} lists the committed
 * ledger files (wave folder, file name and length, {@link Ledger#committedFiles()}) at the time the outputs were
 * written. It is deleted before outputs are (re)written and saved after the last one, so outputs are current exactly
 * when the file exists and lists the files the ledger holds now. A run killed between a wave's commit and its
 * outputs, a disk filling up while the report is written, a file quarantined by {@code --repair}: each makes the next
 * run (or {@code report}) rewrite every output. Each output file is itself written atomically (temporary file and
 * rename, {@link Ledger#writeAtomically}), so a reader never sees a half-written one.
 *
 * @param files the committed ledger files the outputs reflect
 */
public record OutputState(List<String> files) {
    public static final String FILE = "_outputs.json";

    public OutputState { files = List.copyOf(files); }

    /** The ledger's state now. */
    public static OutputState of(Ledger ledger) throws IOException {
        return new OutputState(ledger.committedFiles());
    }

    /** The state recorded with the outputs, or null when none was (or it is unreadable, or of an older format). */
    public static OutputState recorded(Ledger ledger) throws IOException {
        String text = ledger.readText(FILE);
        if (text == null) return null;
        try {
            JsonNode n = Json.parse(text).get("files");
            if (n == null || !n.isArray()) return null;
            List<String> f = new ArrayList<>();
            for (JsonNode x : n) f.add(x.asText());
            return new OutputState(f);
        } catch (IOException | RuntimeException e) {
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
        ledger.writeText(FILE, Json.sorted(Map.of("files", files)));
    }
}
