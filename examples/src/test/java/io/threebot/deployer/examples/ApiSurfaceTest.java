package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.HasDescription;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.domain.JavaField;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.JavaType;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published surface of every module (each public type outside an {@code internal} package, and its public and
 * protected members) names no internal type, so a host compiles against the API alone and internals stay free to
 * change.
 */
class ApiSurfaceTest {
    private static final String ROOT = "io.threebot.deployer";

    /** Main classes of every module; no test classes, test-jars, testkits or the examples themselves. */
    private static final ImportOption MAIN_CLASSES_ONLY = (Location location) ->
            !location.contains("/test-classes/") && !location.contains("-tests.jar")
                    && !location.contains("-testkit.jar") && !location.contains("/examples/target/classes/");

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(MAIN_CLASSES_ONLY).importPackages(ROOT);

    @Test
    void publicSignaturesNameNoInternalType() {
        List<String> leaks = new ArrayList<>();
        for (JavaClass api : classes) {
            if (isInternal(api) || !isPublished(api)) {
                continue;
            }
            Stream.concat(api.getRawSuperclass().stream(), api.getRawInterfaces().stream())
                    .filter(ApiSurfaceTest::isInternal)
                    .forEach(t -> leaks.add(api.getName() + " extends " + t.getName()));
            for (JavaField field : api.getFields()) {
                if (isVisible(field.getModifiers())) {
                    report(field, List.of(field.getType()), leaks);
                }
            }
            for (JavaCodeUnit unit : api.getCodeUnits()) {
                if (!isVisible(unit.getModifiers()) || unit.getModifiers().contains(JavaModifier.SYNTHETIC)) {
                    continue;
                }
                List<JavaType> types = new ArrayList<>(unit.getParameterTypes());
                types.add(unit.getReturnType());
                unit.getThrowsClause().getTypes().forEach(types::add);
                report(unit, types, leaks);
            }
        }
        assertThat(classes.stream().filter(ApiSurfaceTest::isInternal)).as("internal types read").isNotEmpty();
        assertThat(classes.stream().filter(c -> c.getPackageName().startsWith(ROOT + ".ssh"))).as("adapters read")
                .isNotEmpty();
        assertThat(leaks).as("internal types in public signatures").isEmpty();
    }

    /**
     * The examples are what a host writes: they use the published API alone. The one exception seeds a store of
     * 100,000 sessions for a benchmark by writing the deployer's own records directly, which no host does.
     */
    @Test
    void theExamplesUseNoInternalType() {
        Set<String> seedsRecordsDirectly = Set.of("io.threebot.deployer.examples.StartupBenchmark");
        JavaClasses examples = new ClassFileImporter()
                .withImportOption((Location location) -> location.contains("/examples/target/classes/"))
                .importPackages(ROOT + ".examples");
        List<String> uses = new ArrayList<>();
        for (JavaClass example : examples) {
            String top = example.getName().split("\\$")[0];
            if (seedsRecordsDirectly.contains(top)) {
                continue;
            }
            example.getDirectDependenciesFromSelf().stream()
                    .filter(d -> isInternal(d.getTargetClass()))
                    .forEach(d -> uses.add(example.getName() + " uses " + d.getTargetClass().getName()));
        }
        assertThat(examples).as("example classes read").isNotEmpty();
        assertThat(uses).as("examples using internal types").isEmpty();
    }

    /**
     * Owner-scoped calls have one way in: {@code forOwner(principal)}. The facade takes no owner name anywhere else,
     * and neither it nor the owner's handle hands out a stored 3Bot record (with its password hash): listings are
     * views.
     */
    @Test
    void ownerScopedCallsGoThroughForOwnerAlone() {
        JavaClass facade = classes.get(ROOT + ".ThreebotDeployer");
        List<String> takingNames = facade.getMethods().stream()
                .filter(m -> m.getModifiers().contains(JavaModifier.PUBLIC)
                        && !m.getModifiers().contains(JavaModifier.STATIC))
                .filter(m -> m.getRawParameterTypes().stream().anyMatch(t -> t.isEquivalentTo(String.class)))
                .map(m -> m.getName()).distinct().toList();
        assertThat(takingNames).as("public methods of the facade that take a string").containsExactly("forOwner");

        List<String> records = new ArrayList<>();
        for (String name : List.of(ROOT + ".ThreebotDeployer", ROOT + ".OwnerDeployer")) {
            for (JavaCodeUnit unit : classes.get(name).getCodeUnits()) {
                if (isVisible(unit.getModifiers())) {
                    unit.getReturnType().getAllInvolvedRawTypes().stream()
                            .filter(t -> t.getName().equals(ROOT + ".model.Threebot")
                                    || t.getName().equals(ROOT + ".model.PasswordHash"))
                            .forEach(t -> records.add(unit.getFullName() + " returns " + t.getSimpleName()));
                }
            }
        }
        assertThat(records).as("stored records handed to hosts").isEmpty();
    }

    private static void report(HasDescription member, List<JavaType> types, List<String> leaks) {
        types.stream().flatMap(t -> t.getAllInvolvedRawTypes().stream()).filter(ApiSurfaceTest::isInternal)
                .map(JavaClass::getName).distinct()
                .forEach(internal -> leaks.add(member.getDescription() + " names " + internal));
    }

    private static boolean isInternal(JavaClass type) {
        return type.getPackageName().startsWith(ROOT) && type.getPackageName().contains(".internal");
    }

    /** Public, and every enclosing class public too. */
    private static boolean isPublished(JavaClass type) {
        for (JavaClass c = type; c != null; c = c.getEnclosingClass().orElse(null)) {
            if (!c.getModifiers().contains(JavaModifier.PUBLIC)) {
                return false;
            }
        }
        return !type.isAnonymousClass() && !type.isLocalClass();
    }

    private static boolean isVisible(Set<JavaModifier> modifiers) {
        return modifiers.contains(JavaModifier.PUBLIC) || modifiers.contains(JavaModifier.PROTECTED);
    }
}
