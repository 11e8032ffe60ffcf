package org.slurmworkbench.workbench.workload.swf;

import org.slurmworkbench.workbench.workload.plan.WorkloadPlan;

/** An imported SWF trace: the plan and the report of what was read, skipped and why. */
record SwfImport(WorkloadPlan plan, SwfReport report) {
}
