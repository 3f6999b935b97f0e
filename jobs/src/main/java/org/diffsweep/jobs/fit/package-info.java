/**
 * The hierarchy fit (docs/science.md §15): Spark MLlib random-forest regression of the order parameters over a sweep's
 * parameters, with held-out error, bootstrap intervals on the feature importances and partial dependence. It reads
 * the ledger through Spark like the aggregation ({@code ledger}), so it is not one of the pure rooms; it uses
 * Datasets and {@code org.apache.spark.ml}, never Spark's job API.
 */
package org.diffsweep.jobs.fit;
