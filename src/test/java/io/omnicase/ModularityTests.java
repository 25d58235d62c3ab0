package io.omnicase;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

/** Keeps the module boundaries honest: no cycles, no reaching into internals, each framework in its one module. */
class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.omnicase");

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
        noClasses().that().resideOutsideOfPackage("io.omnicase.history..")
                .should().dependOnClassesThat().resideInAPackage("co.elastic..").check(CLASSES);
    }

    @Test
    void modelPackagesImportNoFramework() {
        noClasses().that().resideInAPackage("..model..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "org.camunda..",
                        "org.kie..", "org.drools..", "co.elastic..", "jakarta.persistence..")
                .allowEmptyShould(true).check(CLASSES);
    }
}
