/**
 * SWF (Standard Workload Format) traces: reading one into a plan (scaled to a partition, with a report of what was
 * changed or skipped), writing a plan as one, previews, and runs of uploaded traces, with the SWF API and page card.
 * Builds on {@code plan} and {@code run}; nothing in the module depends on it.
 */
package org.slurmworkbench.workbench.workload.swf;
