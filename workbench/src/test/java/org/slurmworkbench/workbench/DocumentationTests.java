package org.slurmworkbench.workbench;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Writes the module document into the repository's {@code docs/modules/} (linked from the README): Spring Modulith's
 * module canvases and the component diagrams, of all modules and of each one, as they stand in the code. Run on every
 * build, so a change of structure shows as a change of these files in the commit that makes it.
 */
class DocumentationTests {

    /** docs/modules of the checkout, from workbench/ (where Maven runs the tests) or from the checkout's root. */
    static final Path OUTPUT = (Files.isDirectory(Path.of("../docs")) ? Path.of("../docs/modules") : Path.of("docs/modules"))
            .toAbsolutePath().normalize();

    @Test
    void writesTheModuleDocument() {
        new Documenter(ApplicationModules.of(WorkbenchApplication.class),
                Documenter.Options.defaults().withOutputFolder(OUTPUT.toString()))
                .writeDocumentation(); // all modules and each one as PlantUML, module canvases, all-docs.adoc
    }
}
