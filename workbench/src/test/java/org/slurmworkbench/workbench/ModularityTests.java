package org.slurmworkbench.workbench;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** The module structure holds (no cycles, no reaching into another module's internals) and is documented. */
class ModularityTests {

    private final ApplicationModules modules = ApplicationModules.of(WorkbenchApplication.class);

    @Test
    void modulesAreWellFormed() {
        modules.verify();
    }

    @Test
    void writesDocumentation() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("target/spring-modulith-docs"))
                .writeDocumentation()
                .writeIndividualModulesAsPlantUml();
    }
}
