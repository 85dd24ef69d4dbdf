package org.doorstep.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.base.DescribedPredicate;

/**
 * The house rules, checked on every build (as JabRef keeps its gui/logic/model layers). Floors, top to bottom:
 * the composition root ({@code org.doorstep}), the faces ({@code cli}, {@code ui}), the use cases
 * ({@code usecase}), the domain ({@code record}, {@code motion}, {@code playback}, {@code privacy}, {@code events}),
 * the ground ({@code media}, {@code store}, {@code onvif}, {@code common}); {@code sim} stands beside them.
 */
class ArchitectureTest {
    private static final String[] DOMAIN = {"org.doorstep.record..", "org.doorstep.motion..",
        "org.doorstep.playback..", "org.doorstep.privacy..", "org.doorstep.events.."};
    private static final String[] GROUND = {"org.doorstep.media..", "org.doorstep.store..", "org.doorstep.onvif..",
        "org.doorstep.common.."};

    static final ArchRule floorsPointDownwardOnly = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("Root").definedBy("org.doorstep")
            .layer("Cli").definedBy("org.doorstep.cli..")
            .layer("Ui").definedBy("org.doorstep.ui..")
            .layer("UseCases").definedBy("org.doorstep.usecase..")
            .layer("Domain").definedBy(DOMAIN)
            .layer("Ground").definedBy(GROUND)
            .layer("Sim").definedBy("org.doorstep.sim..")
            .whereLayer("Root").mayNotBeAccessedByAnyLayer()
            .whereLayer("Cli").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("Ui").mayOnlyBeAccessedByLayers("Root")
            .whereLayer("UseCases").mayOnlyBeAccessedByLayers("Root", "Cli", "Ui")
            .whereLayer("Domain").mayOnlyBeAccessedByLayers("Root", "Cli", "Ui", "UseCases")
            .whereLayer("Ground").mayOnlyBeAccessedByLayers("Root", "Cli", "Ui", "UseCases", "Domain", "Sim")
            .whereLayer("Sim").mayOnlyBeAccessedByLayers("Root", "Cli", "UseCases");

    static final ArchRule simServesOnlyTheDemo = noClasses()
            .that().resideOutsideOfPackages("org.doorstep.sim..", "org.doorstep.usecase.demo..")
            .and().doNotHaveFullyQualifiedName("org.doorstep.cli.DemoCameraCommand")
            .should().dependOnClassesThat().resideInAPackage("org.doorstep.sim..")
            .because("the virtual doorbell is for the demo and the tests only");

    static final ArchRule noPackageCycles = slices().matching("org.doorstep.(*)..").should().beFreeOfCycles();

    static final ArchRule noCyclesBetweenUseCases = slices().matching("org.doorstep.usecase.(*)..")
            .should().beFreeOfCycles();

    static final ArchRule facesNeverImportEachOther = noClasses().that().resideInAPackage("org.doorstep.cli..")
            .should().dependOnClassesThat().resideInAPackage("org.doorstep.ui..")
            .andShould().dependOnClassesThat().resideInAPackage("org.doorstep.ui..");

    static final ArchRule windowNeverImportsTheCommandLine = noClasses().that().resideInAPackage("org.doorstep.ui..")
            .should().dependOnClassesThat().resideInAPackage("org.doorstep.cli..");

    static final ArchRule uiFeaturesAreIndependent = slices().matching("org.doorstep.ui.(*)..")
            .should().notDependOnEachOther()
            .ignoreDependency(DescribedPredicate.alwaysTrue(), resideIn("org.doorstep.ui.common"))
            .because("a feature package imports ui.common and the use cases, never another feature");

    static final ArchRule groundPackagesStandAlone = noClasses()
            .that().resideInAnyPackage("org.doorstep.media..", "org.doorstep.onvif..")
            .should().dependOnClassesThat().resideInAnyPackage("org.doorstep.store..")
            .because("ground packages use only common: a camera row is the use cases' business");

    static final ArchRule storeUsesOnlyCommon = noClasses().that().resideInAPackage("org.doorstep.store..")
            .should().dependOnClassesThat().resideInAnyPackage("org.doorstep.media..", "org.doorstep.onvif..");

    static final ArchRule commonDependsOnNothingElse = noClasses().that().resideInAPackage("org.doorstep.common..")
            .should().dependOnClassesThat().resideInAnyPackage("org.doorstep.media..", "org.doorstep.store..",
                    "org.doorstep.onvif..", "org.doorstep.record..", "org.doorstep.motion..",
                    "org.doorstep.playback..", "org.doorstep.privacy..", "org.doorstep.events..",
                    "org.doorstep.usecase..", "org.doorstep.cli..", "org.doorstep.ui..", "org.doorstep.sim..");

    static final ArchRule javaFxOnlyInTheWindow = noClasses().that().resideOutsideOfPackage("org.doorstep.ui..")
            .should().dependOnClassesThat().resideInAPackage("javafx..");

    static final ArchRule facesOnlyCallUseCases = noClasses()
            .that().resideInAnyPackage("org.doorstep.cli..", "org.doorstep.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("java.sql..", "org.bytedeco..")
            .orShould().dependOnClassesThat().haveSimpleNameEndingWith("Repository")
            .orShould().dependOnClassesThat().haveSimpleName("Database")
            .orShould().dependOnClassesThat().haveSimpleName("SegmentIndex")
            .orShould().dependOnClassesThat().haveSimpleName("TimelineQuery")
            .orShould().dependOnClassesThat().haveSimpleName("CredentialVault")
            .because("the command line and the window parse, present and call use cases; they never run SQL,"
                    + " FFmpeg or the key store themselves");

    static final ArchRule terminalOutputOnlyFromTheCommandLine = noClasses()
            .that().resideOutsideOfPackage("org.doorstep.cli..")
            .and().doNotHaveFullyQualifiedName("org.doorstep.Main")
            .should().accessField(System.class, "out")
            .orShould().accessField(System.class, "err")
            .because("everything else logs; the terminal belongs to the command line");

    private static JavaClasses classes;

    @BeforeAll
    static void importMainClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.doorstep");
    }

    @Test
    void floorsPointDownwardOnly() {
        floorsPointDownwardOnly.check(classes);
    }

    @Test
    void simServesOnlyTheDemo() {
        simServesOnlyTheDemo.check(classes);
    }

    @Test
    void noPackageCycles() {
        noPackageCycles.check(classes);
    }

    @Test
    void noCyclesBetweenUseCases() {
        noCyclesBetweenUseCases.check(classes);
    }

    @Test
    void facesNeverImportEachOther() {
        facesNeverImportEachOther.check(classes);
    }

    @Test
    void windowNeverImportsTheCommandLine() {
        windowNeverImportsTheCommandLine.check(classes);
    }

    @Test
    void uiFeaturesAreIndependent() {
        uiFeaturesAreIndependent.check(classes);
    }

    @Test
    void groundPackagesStandAlone() {
        groundPackagesStandAlone.check(classes);
    }

    @Test
    void storeUsesOnlyCommon() {
        storeUsesOnlyCommon.check(classes);
    }

    @Test
    void commonDependsOnNothingElse() {
        commonDependsOnNothingElse.check(classes);
    }

    @Test
    void javaFxOnlyInTheWindow() {
        javaFxOnlyInTheWindow.check(classes);
    }

    @Test
    void facesOnlyCallUseCases() {
        facesOnlyCallUseCases.check(classes);
    }

    @Test
    void terminalOutputOnlyFromTheCommandLine() {
        terminalOutputOnlyFromTheCommandLine.check(classes);
    }

    private static DescribedPredicate<JavaClass> resideIn(String pkg) {
        return DescribedPredicate.describe("reside in " + pkg, c -> c.getPackageName().startsWith(pkg));
    }
}
