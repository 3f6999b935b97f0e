/** The coordinates of one grid point (mixture, model size, diffusion time, evaluation settings; theory §12), shared as input by every stage. */
package org.diffsweep.core.point;
