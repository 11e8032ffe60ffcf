package org.slurmworkbench.workbench.workload;

import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The workload module's rooms: {@code plan} (parameters, generator, presets, capacity, preview), {@code run}
 * (runs, their store, queue, engine and submitters; built on plans), {@code swf} (SWF import and export; builds plans
 * and runs of traces) and {@code analysis} (metrics and comparison of runs). Dependencies go one way, from the later
 * to the earlier, with no cycles; and no type of theirs is public without a caller outside its own package.
 */
class WorkloadPackagesTest {

    private static final String MODULE = "org.slurmworkbench.workbench.workload";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(MODULE);

    @Test
    void subPackagesAreFreeOfCycles() {
        slices().matching(MODULE + ".(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void dependenciesGoOneWay() {
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("plan").definedBy(MODULE + ".plan..")
                .layer("run").definedBy(MODULE + ".run..")
                .layer("swf").definedBy(MODULE + ".swf..")
                .layer("analysis").definedBy(MODULE + ".analysis..")
                .whereLayer("swf").mayNotBeAccessedByAnyLayer()
                .whereLayer("analysis").mayNotBeAccessedByAnyLayer()
                .whereLayer("run").mayOnlyBeAccessedByLayers("swf", "analysis")
                .whereLayer("plan").mayOnlyBeAccessedByLayers("run", "swf", "analysis")
                .check(MAIN);
    }

    @Test
    void theModuleHasNoOtherPackages() {
        List<String> packages = MAIN.stream().map(JavaClass::getPackageName).distinct().sorted().toList();
        assertThat(packages).containsExactlyInAnyOrder(MODULE, MODULE + ".analysis", MODULE + ".plan", MODULE + ".run",
                MODULE + ".swf");
    }

    /**
     * A public top-level type of a sub-package is used from another package (the main code's, or for the two types
     * that are public for {@code run.WorkloadBench} only, a test's).
     */
    @Test
    void noTypeIsPublicWithoutACallerOutsideItsPackage() {
        JavaClasses all = new ClassFileImporter().importPackages(MODULE);
        List<String> needlesslyPublic = all.stream()
                .filter(c -> !c.getPackageName().equals(MODULE) && c.getPackageName().startsWith(MODULE + "."))
                .filter(c -> c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !c.getSimpleName().endsWith("Test") && !c.getSimpleName().endsWith("IT")
                        && !c.getSimpleName().endsWith("Bench"))
                .filter(c -> c.getDirectDependenciesToSelf().stream().map(Dependency::getOriginClass)
                        .map(o -> o.getPackageName()).allMatch(c.getPackageName()::equals))
                .map(JavaClass::getName)
                .toList();
        assertThat(needlesslyPublic).isEmpty();
    }
}
