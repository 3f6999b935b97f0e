/**
 * The sweep engine (design data-flow steps 3-6): plan the points missing from the ledger (anti-join on pointId),
 * pack them into cost-balanced bins (LPT), evaluate them on Spark in waves appended to the ledger, report progress
 * from a SparkListener, and write the CSV, phase diagram and summary.
 */
package org.diffsweep.jobs.sweep;
