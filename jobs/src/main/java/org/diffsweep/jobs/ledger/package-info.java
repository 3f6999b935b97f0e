/**
 * The sweep ledger (design data-flow step 5): the Parquet schema of one row per (point, class), the on-disk layout
 * under an output folder on any Hadoop filesystem, the run lock, the stored spec and its compatibility check, and the
 * build-time code version stamped into every row.
 */
package org.diffsweep.jobs.ledger;
