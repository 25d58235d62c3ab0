package io.omnicase;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the module boundaries honest: no cycles, no reaching into internals, each framework in its one module. */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.omnicase");

    private static final String[] FRAMEWORKS = {"org.springframework..", "org.camunda..", "org.kie..", "org.drools..",
            "co.elastic..", "jakarta.persistence..", "org.hibernate.."};

    private static final DescribedPredicate<JavaClass> RECORDS_AND_ENUMS =
            DescribedPredicate.describe("are records or enums", c -> c.isRecord() || c.isEnum());

    @Test
    void modulesDependOnEachOtherOnlyThroughTheirApi() {
        ApplicationModules.of(OmnicaseApplication.class).verify();
    }

    @Test
    void onlyTheProcessModuleImportsCamunda() {
        noClasses().that().resideOutsideOfPackage("io.omnicase.process..")
                .should().dependOnClassesThat().resideInAPackage("org.camunda..").check(CLASSES);
    }

    @Test
    void onlyTheRoutingModuleImportsDrools() {
        noClasses().that().resideOutsideOfPackage("io.omnicase.routing..")
                .should().dependOnClassesThat().resideInAnyPackage("org.kie..", "org.drools..").check(CLASSES);
    }

    @Test
    void onlyTheHistoryModuleImportsTheElasticsearchClient() {
        noClasses().that().resideOutsideOfPackage("io.omnicase.search..")
                .should().dependOnClassesThat().resideInAPackage("co.elastic..").check(CLASSES);
    }

    /**
     * What modules hand each other (events, ids, views, decisions, facts) are the records and enums of each module's
     * API package; they are the shared model, so they import no framework. (A module's settings record is configuration,
     * not model.) There are no {@code model} packages: a rule over them would check nothing.
     */
    @Test
    void theSharedModelImportsNoFramework() {
        noClasses().that().resideInAPackage("io.omnicase.*").and(RECORDS_AND_ENUMS)
                .and().areNotAnnotatedWith(ConfigurationProperties.class)
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS).check(CLASSES);
    }
}
