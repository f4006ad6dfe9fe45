package io.budgetmonitor.stack;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Module boundaries, enforced: the services speak only through budget-api (and Kafka), never
 * through each other's classes; budget-api stays free of any framework a client would not want.
 */
class ArchitectureTest {

    private static JavaClasses production;

    @BeforeAll
    static void importClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(
                        "io.budgetmonitor.api",
                        "io.budgetmonitor.command",
                        "io.budgetmonitor.query",
                        "io.budgetmonitor.scoring");
    }

    @Test
    void commandServiceDependsOnNoOtherService() {
        noClasses()
                .that()
                .resideInAPackage("io.budgetmonitor.command..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.budgetmonitor.query..", "io.budgetmonitor.scoring..")
                .check(production);
    }

    @Test
    void queryServiceDependsOnNoOtherService() {
        noClasses()
                .that()
                .resideInAPackage("io.budgetmonitor.query..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.budgetmonitor.command..", "io.budgetmonitor.scoring..")
                .check(production);
    }

    @Test
    void scoringServiceDependsOnNoOtherService() {
        noClasses()
                .that()
                .resideInAPackage("io.budgetmonitor.scoring..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.budgetmonitor.command..", "io.budgetmonitor.query..")
                .check(production);
    }

    @Test
    void theContractNeedsNoFrameworkAndNoService() {
        noClasses()
                .that()
                .resideInAPackage("io.budgetmonitor.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.axonframework..",
                        "io.budgetmonitor.command..",
                        "io.budgetmonitor.query..",
                        "io.budgetmonitor.scoring..")
                .check(production);
    }

    @Test
    void eventsAndCommandsAreImmutableRecords() {
        classes()
                .that()
                .resideInAnyPackage("io.budgetmonitor.api.events..", "io.budgetmonitor.api.commands..")
                .and()
                .areNotInterfaces()
                // a constraint's validator (e.g. DatedInBookingPeriod's) is behaviour next to the rule it checks
                .and()
                .doNotImplement(jakarta.validation.ConstraintValidator.class)
                .should()
                .beRecords()
                .check(production);
    }

    @Test
    void noDumpingGrounds() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .check(production);
    }
}
