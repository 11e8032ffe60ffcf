/**
 * Mechanisms every module may use, written once: the renewing single-flight cache, the secret-file check,
 * problem details of the API and the typed chart specification read by {@code charts.js}. Declared open so that
 * any module may depend on it; it depends on no other module.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared",
        type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.slurmworkbench.workbench.shared;
