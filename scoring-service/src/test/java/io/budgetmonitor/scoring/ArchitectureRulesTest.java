package io.budgetmonitor.scoring;

import com.tngtech.archunit.core.domain.JavaClasses;
import io.budgetmonitor.testkit.ServiceArchitecture;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package rules of scoring-service ({@link ServiceArchitecture}; docs/decisions.md, "Package rules"). */
class ArchitectureRulesTest {

    static final ServiceArchitecture RULES = new ServiceArchitecture(
            "io.budgetmonitor.scoring",
            // builds the JSON mapper of the HTTP message converters (Jackson2ObjectMapperBuilder)
            "io.budgetmonitor.scoring.ScoringConfiguration");
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = RULES.classes();
    }

    @Test
    void noPackageCycles() {
        RULES.noPackageCycles().check(classes);
    }

    @Test
    void httpOnlyAtTheEdge() {
        RULES.httpOnlyAtTheEdge().check(classes);
    }

    @Test
    void webOnlyAtTheEdge() {
        RULES.webOnlyAtTheEdge().check(classes);
    }
}
