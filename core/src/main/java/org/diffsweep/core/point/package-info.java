/** Grid-point parameters and results shared by every evaluation stage (theory §12). */
package org.diffsweep.core.point;
