/** Seeded, named random streams derived from a grid point's identity (theory §12.10). */
package org.diffsweep.core.random;
