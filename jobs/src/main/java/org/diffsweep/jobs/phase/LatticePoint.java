package org.diffsweep.jobs.phase;

import java.io.Serializable;

/**
 * Integer coordinates of a point of a {@link RefinementLattice}, in units of the finest level's spacing.
 *
 * @param ix x lattice index
 * @param iy y lattice index
 */
public record LatticePoint(long ix, long iy) implements Serializable {
}
