/**
 * Random features {@code phi(y) = sigma(W y / sqrt d)} of the score model (theory §2.1), their Gaussian-equivalence
 * constants by quadrature (§3.1), and the noise-averaged feature moments U, V with the exact noise average of §2.5,
 * pooled and per class, for the training set and for fresh population samples (§5.3(1)).
 */
package org.diffsweep.core.features;
