package io.budgetmonitor.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.simpleNameEndingWith;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.CompositeArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The package rules of a service (docs/decisions.md, "Package rules"), one implementation for all three:
 *
 * <ul>
 *   <li><b>no package cycles</b> between the service's feature packages ({@code <service>.(*)..});
 *   <li><b>HTTP only at the edge</b>: a class may use HTTP types ({@code org.springframework.web..},
 *       {@code org.springframework.http..}, {@code jakarta.servlet..}) only if it is in the service's
 *       {@code web} package, is a controller or controller advice (annotated so), or is one of the edge classes
 *       the service names (e.g. its security filters);
 *   <li><b>web only at the edge</b>: nothing but the edge uses the {@code web} package, except its refusal
 *       exceptions ({@code *Exception}: plain runtime exceptions a service throws and the edge turns into
 *       problem+json).
 * </ul>
 *
 * <p>Two more a service opts into by naming packages:
 *
 * <ul>
 *   <li><b>only the contract and the infra it names</b> ({@link #usesOnlyTheContractAnd}): of the project's own
 *       code a service uses its packages, budget-api and the infra modules it names, never another service's;
 *   <li><b>domain free of the wire</b> ({@link #domainFreeOfTheWire}): the packages a service names as its
 *       domain use neither HTTP types nor Jackson's data binding.
 * </ul>
 */
public final class ServiceArchitecture {

    private static final String[] HTTP = {"org.springframework.web..", "org.springframework.http..", "jakarta.servlet.."
    };
    private static final String PROJECT = "io.budgetmonitor..";
    private static final String CONTRACT = "io.budgetmonitor.api..";
    private static final String JSON_BINDING = "com.fasterxml.jackson.databind..";
    private static final Set<String> EDGE_ANNOTATIONS = Set.of(
            "org.springframework.web.bind.annotation.RestController",
            "org.springframework.stereotype.Controller",
            "org.springframework.web.bind.annotation.RestControllerAdvice",
            "org.springframework.web.bind.annotation.ControllerAdvice");

    private final String root;
    private final DescribedPredicate<JavaClass> edge;

    /**
     * @param root      the service's package, e.g. {@code io.budgetmonitor.query}
     * @param edgeAlso  further edge classes (fully qualified names or packages ending in {@code ..})
     */
    public ServiceArchitecture(String root, String... edgeAlso) {
        this.root = root;
        DescribedPredicate<JavaClass> named = DescribedPredicate.describe("listed as edge", c -> {
            for (String name : edgeAlso) {
                if (name.endsWith("..")
                        ? c.getPackageName().startsWith(name.substring(0, name.length() - 2))
                        : c.getName().equals(name) || c.getName().startsWith(name + "$")) {
                    return true;
                }
            }
            return false;
        });
        this.edge = resideInAPackage(root + ".web..")
                .or(DescribedPredicate.describe(
                        "a controller or controller advice",
                        c -> EDGE_ANNOTATIONS.stream().anyMatch(c::isAnnotatedWith)
                                || c.getEnclosingClass()
                                        .map(outer -> EDGE_ANNOTATIONS.stream().anyMatch(outer::isAnnotatedWith))
                                        .orElse(false)))
                .or(named)
                .as("the web edge");
    }

    /** The service's production classes. */
    public JavaClasses classes() {
        return new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    public SliceRule noPackageCycles() {
        return slices().matching(root + ".(*)..").should().beFreeOfCycles();
    }

    public ArchRule httpOnlyAtTheEdge() {
        return noClasses()
                .that(not(edge))
                .should()
                .dependOnClassesThat(resideInAnyPackage(HTTP))
                .because("HTTP is the edge's business: a feature's logic must be callable without a request");
    }

    public ArchRule webOnlyAtTheEdge() {
        return noClasses()
                .that(not(edge))
                .should()
                .dependOnClassesThat(resideInAPackage(root + ".web..").and(not(simpleNameEndingWith("Exception"))))
                .because("the web package is the edge; features depend on it only for its refusal exceptions");
    }

    /**
     * @param infraPackages the infra modules' packages the service may use, e.g. {@code io.budgetmonitor.security..}
     */
    public ArchRule usesOnlyTheContractAnd(String... infraPackages) {
        String[] allowed = Stream.concat(Stream.of(root + "..", CONTRACT), Arrays.stream(infraPackages))
                .toArray(String[]::new);
        return noClasses()
                .should()
                .dependOnClassesThat(resideInAPackage(PROJECT).and(not(resideInAnyPackage(allowed))))
                .because("services speak only through budget-api (and Kafka); infra modules are used by name");
    }

    /**
     * One rule per package, so a package renamed away fails (ArchUnit refuses a rule that matches no class)
     * instead of passing unchecked.
     *
     * @param domainPackages the domain's packages under the service's root, e.g. {@code budgetline}
     */
    public ArchRule domainFreeOfTheWire(String... domainPackages) {
        String[] wire =
                Stream.concat(Arrays.stream(HTTP), Stream.of(JSON_BINDING)).toArray(String[]::new);
        return CompositeArchRule.of(Arrays.stream(domainPackages)
                .map(name -> (ArchRule) noClasses()
                        .that()
                        .resideInAPackage(root + "." + name + "..")
                        .should()
                        .dependOnClassesThat(resideInAnyPackage(wire))
                        .because("the domain decides; requests and their JSON are the edge's business"))
                .toList());
    }
}
