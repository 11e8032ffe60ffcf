/**
 * The shared web layer: page layout and navigation, language switch (English and Chinese), the home pages,
 * the one error format of the API (RFC 7807 problem details), CSV downloads safe to open in a spreadsheet, the error pages (a failure of Slurm included: a 503
 * page naming the cluster) and the OpenAPI description.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web")
package org.slurmworkbench.workbench.web;
