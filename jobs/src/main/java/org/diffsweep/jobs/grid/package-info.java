/** Sweep grids: lazy Cartesian expansion of a sweep spec into grid points (design data-flow step 2). */
package org.diffsweep.jobs.grid;
