package org.diffsweep.jobs.spec;

import java.util.Objects;
import org.diffsweep.jobs.grid.Grid;

/**
 * Everything a sweep executor needs, built on the driver from a validated spec.
 *
 * @param name           sweep name
 * @param specHash       {@link SweepSpec#specHash()}, to be written into every output row
 * @param canonicalSpec  {@link SweepSpec#canonicalText()} (sorted-key JSON), for provenance files
 * @param grid           the lazy grid (seeds slowest, see {@link SpecGrid})
 * @param outputDir      the output folder ({@code --output}, else the spec's {@code output}, else {@code runs/<name>})
 * @param spec           the parsed spec (its {@code rawText()} is the YAML as read)
 */
public record SweepPlan(String name, String specHash, String canonicalSpec, Grid grid, String outputDir, SweepSpec spec) {
    public SweepPlan {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(specHash, "specHash");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(outputDir, "outputDir");
    }

    /** The plan of a spec, with an optional output-folder override (null: spec's {@code output} or {@code runs/<name>}). */
    public static SweepPlan of(SweepSpec spec, String outputOverride) {
        return new SweepPlan(spec.name(), spec.specHash(), spec.canonicalText(), spec.grid(), spec.outputDir(outputOverride), spec);
    }

    /** The YAML text of the spec as read, for provenance. */
    public String rawSpec() { return spec.rawText(); }
}
