/**
 * Workload plans: generator parameters and their distributions, presets sized to a cluster's {@link
 * org.slurmworkbench.workbench.workload.plan.Capacity}, the deterministic generator, the preview of a plan, and the
 * plan API. Depends on no other package of the module; {@code run}, {@code swf} and {@code analysis} build on it.
 */
package org.slurmworkbench.workbench.workload.plan;
