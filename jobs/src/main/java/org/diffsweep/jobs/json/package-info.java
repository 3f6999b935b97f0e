/** The one JSON writer/reader shared by the CLI, the canonical spec and the output state, and the CSV field rules of every table. */
package org.diffsweep.jobs.json;
