package org.diffsweep.jobs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The layout rules of the design, checked on the compiled classes (ArchUnit): {@code core} is free of Spark and of
 * package cycles (the evaluator sits above the stages), and in {@code jobs} only the rooms that run Spark jobs use
 * Spark's job API ({@code org.apache.spark.api}, {@code SparkContext}, {@code SparkSession}): the grid, spec, phase,
 * plan, report and plot rooms never do; the fit room uses only Datasets and MLlib.
 */
class ArchitectureTest {
    private static final JavaClasses CORE = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.diffsweep.core");
    private static final JavaClasses JOBS = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.diffsweep.jobs");

    @Test
    void coreHasNoPackageCycles() {
        slices().matching("org.diffsweep.core.(*)..").should().beFreeOfCycles().check(CORE);
    }

    @Test
    void coreNeverUsesSpark() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..", "scala..").check(CORE);
    }

    @Test
    void noStageDependsOnTheEvaluator() {
        noClasses().that().resideOutsideOfPackage("org.diffsweep.core.evaluator..").should().dependOnClassesThat()
                .resideInAPackage("org.diffsweep.core.evaluator..").check(CORE);
    }

    @Test
    void thePureRoomsOfJobsNeverUseSpark() {
        noClasses().that().resideInAnyPackage("org.diffsweep.jobs.grid..", "org.diffsweep.jobs.spec..", "org.diffsweep.jobs.phase..",
                        "org.diffsweep.jobs.plan..", "org.diffsweep.jobs.report..", "org.diffsweep.jobs.plot..", "org.diffsweep.jobs.json..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.spark..").check(JOBS);
    }

    /**
     * The fit room uses Spark only through Datasets and MLlib's {@code ml} API (it sits beside the ledger's
     * aggregation, not among the pure rooms).
     */
    @Test
    void theFitRoomUsesOnlyDatasetsAndMllib() {
        noClasses().that().resideInAPackage("org.diffsweep.jobs.fit..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("org.apache.spark..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.resideInAnyPackage("org.apache.spark.sql..", "org.apache.spark.ml..")))).check(JOBS);
    }

    /** Spark's job API (RDDs, the SparkContext, the scheduler) only in {@code run}; {@code ledger} reads Datasets. */
    @Test
    void onlyTheRunRoomUsesSparksJobApi() {
        noClasses().that().resideOutsideOfPackage("org.diffsweep.jobs.run..").should().dependOnClassesThat()
                .haveFullyQualifiedName("org.apache.spark.api.java.JavaRDD")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.api.java.JavaSparkContext")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("org.apache.spark.SparkContext")
                .orShould().dependOnClassesThat().resideInAPackage("org.apache.spark.scheduler..").check(JOBS);
    }

    /** The command line only holds a session to hand to the rooms; it never touches data through Spark itself. */
    @Test
    void theCommandLineOnlyHoldsASession() {
        noClasses().that().resideInAPackage("org.diffsweep.jobs.cli..").should().dependOnClassesThat(
                JavaClass.Predicates.resideInAPackage("org.apache.spark..")
                        .and(DescribedPredicate.not(JavaClass.Predicates.equivalentTo(SparkSession.class)))).check(JOBS);
    }

    @Test
    void jobsHasNoPackageCycles() {
        slices().matching("org.diffsweep.jobs.(*)..").should().beFreeOfCycles().check(JOBS);
    }
}
