/** Quadrature and small numerical utilities shared by the science packages (theory §3.1). */
package org.diffsweep.core.numerics;
