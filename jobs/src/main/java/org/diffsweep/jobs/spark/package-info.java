/**
 * The thin Spark layer: session construction (embedded local mode by default, {@code --master} honoured) and Kryo
 * registration with explicit serializers for the records that cross the wire (platform.md §3).
 */
package org.diffsweep.jobs.spark;
