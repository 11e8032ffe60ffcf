package org.slurmworkbench.workbench.workload.internal;

/** An imported SWF trace: the plan and the report of what was read, skipped and why. */
public record SwfImport(WorkloadPlan plan, SwfReport report) {
}
