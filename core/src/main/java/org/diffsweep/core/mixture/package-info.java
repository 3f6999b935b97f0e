/** Isotropic Gaussian mixtures: parameters, seeded sampling, noised laws, exact score and posteriors (theory §5.2). */
package org.diffsweep.core.mixture;
