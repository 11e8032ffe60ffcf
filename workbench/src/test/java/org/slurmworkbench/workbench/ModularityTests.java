package org.slurmworkbench.workbench;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

/** The module structure holds (no cycles, no reaching into another module's internals); DocumentationTests documents it. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(WorkbenchApplication.class);

    @Test
    void modulesAreWellFormed() {
        modules.verify();
    }
}
