package org.slurmworkbench.workbench;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Every module's {@code internal} package keeps its types to itself: a public top-level type there is used from main
 * code outside that package (as workload's sub-packages are held to in WorkloadPackagesTest). Tests do not count as
 * callers; they live in the package they test. The exceptions are the types Spring needs public, listed below.
 */
class InternalPackagesTest {

    private static final String APP = "org.slurmworkbench.workbench";

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(APP);

    /** Public because Spring requires it; each with why. */
    private static final Set<String> SPRING_NEEDS_PUBLIC = Set.of(
            // named in META-INF/spring.factories, where Spring Boot looks it up by name (a caller ArchUnit cannot see)
            APP + ".cluster.internal.InvalidClusterConfigurationFailureAnalyzer");

    @Test
    void noInternalTypeIsPublicWithoutACallerOutsideItsPackage() {
        List<String> needlesslyPublic = MAIN.stream()
                .filter(c -> c.getPackageName().endsWith(".internal") || c.getPackageName().contains(".internal."))
                .filter(c -> c.isTopLevelClass() && c.getModifiers().contains(JavaModifier.PUBLIC))
                .filter(c -> !SPRING_NEEDS_PUBLIC.contains(c.getName()))
                .filter(c -> c.getDirectDependenciesToSelf().stream().map(Dependency::getOriginClass)
                        .map(InternalPackagesTest::topLevel)
                        .allMatch(o -> o.getPackageName().equals(c.getPackageName())))
                .map(JavaClass::getName)
                .sorted()
                .toList();
        assertThat(needlesslyPublic).isEmpty();
    }

    @Test
    void theAppHasInternalPackages() {
        assertThat(MAIN.stream().map(JavaClass::getPackageName).filter(p -> p.endsWith(".internal")).distinct())
                .hasSizeGreaterThanOrEqualTo(13);
    }

    private static JavaClass topLevel(JavaClass c) {
        JavaClass t = c;
        while (t.getEnclosingClass().isPresent()) {
            t = t.getEnclosingClass().get();
        }
        return t;
    }
}
