package io.givefirst.local;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The module rules of DESIGN.md §1–2, kept by the build rather than by reviewers' memory. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importProduction() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.givefirst");
    }

    @Test
    void theCommandSideKnowsNothingOfTheQuerySide() {
        noClasses().that().resideInAPackage("io.givefirst.command..")
                .should().dependOnClassesThat().resideInAPackage("io.givefirst.query..")
                .check(classes);
    }

    @Test
    void theQuerySideKnowsNothingOfTheCommandSide() {
        noClasses().that().resideInAPackage("io.givefirst.query..")
                .should().dependOnClassesThat().resideInAPackage("io.givefirst.command..")
                .check(classes);
    }

    @Test
    void theQuerySideNeverTouchesAxonsEventStore() {
        noClasses().that().resideInAPackage("io.givefirst.query..")
                .should().dependOnClassesThat().resideInAnyPackage("org.axonframework.eventsourcing..",
                        "org.axonframework.extensions..", "org.axonframework.eventhandling..")
                .check(classes);
    }

    @Test
    void sharedEventsDependOnNoSpringAndNoService() {
        noClasses().that().resideInAPackage("io.givefirst.events..")
                .should().dependOnClassesThat().resideInAnyPackage("org.springframework..", "io.givefirst.command..",
                        "io.givefirst.query..", "io.givefirst.local..")
                .check(classes);
    }

    @Test
    void theServicesDoNotDependOnTheLocalStack() {
        noClasses().that().resideInAnyPackage("io.givefirst.command..", "io.givefirst.query..")
                .should().dependOnClassesThat().resideInAPackage("io.givefirst.local..")
                .check(classes);
    }

    @Test
    void everyProblemIsBuiltInOnePlaceFromARuleOfTheCatalogue() {
        noClasses().that().doNotHaveFullyQualifiedName("io.givefirst.shared.web.Problems")
                .should().callMethod(org.springframework.http.ProblemDetail.class, "forStatusAndDetail",
                        org.springframework.http.HttpStatusCode.class, String.class)
                .orShould().callMethod(org.springframework.http.ProblemDetail.class, "forStatus",
                        org.springframework.http.HttpStatusCode.class)
                .orShould().callMethod(org.springframework.http.ProblemDetail.class, "forStatus", int.class)
                .because("a rejection names a Rule (SharedRules, CommandRules, QueryRules) and Problems writes it")
                .check(classes);
    }

    @Test
    void aggregatesAndEventsKnowNothingOfWhereLookupsAreKept() {
        noClasses().that().areAnnotatedWith(org.axonframework.spring.stereotype.Aggregate.class)
                .or().resideInAPackage("io.givefirst.events..")
                .should().dependOnClassesThat().resideInAnyPackage("com.mongodb..", "org.bson..")
                .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Directory")
                .because("rules read small domain interfaces (Members, Introductions); the MongoDB adapters are outside,"
                        + " so the aggregate tests need no server")
                .check(classes);
    }
}
