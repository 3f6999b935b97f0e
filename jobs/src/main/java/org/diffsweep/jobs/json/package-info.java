/** The one JSON writer/reader shared by the CLI, the canonical spec and the output state. */
package org.diffsweep.jobs.json;
