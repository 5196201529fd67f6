package io.threebot.deployer.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.acme.AcmeCertificateIssuer;
import io.threebot.deployer.acme.testkit.LocalPebble;
import io.threebot.deployer.explorer.ExplorerGridClient;
import io.threebot.deployer.redis.RedisLogStreams;
import io.threebot.deployer.redis.testkit.LocalRedis;
import io.threebot.deployer.ssh.SshBackupServers;
import io.threebot.deployer.ssh.testkit.LocalSshd;
import io.threebot.deployer.stellar.testkit.HorizonDouble;
import io.threebot.deployer.testkit.LoopbackServers;
import io.threebot.deployer.tfgrid.testkit.NodePackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The production jars run no process: the loopback servers and doubles of each module (its testkit) live in
 * {@code src/testkit/java} and ship in a jar of their own (classifier {@code testkit}), and nothing of the main code
 * names them. Where a module's main classes come from depends on the build: its packaged jar in {@code mvn verify}
 * (what a host gets), its {@code target/classes} in a build that has not packaged yet, the installed jar when this
 * module is built alone; each of them is checked as it is.
 */
class ProductionJarsTest {
    /** One main class of each library module: it shows where that module's main classes are read from. */
    private static final Map<String, Class<?>> MAIN = Map.of(
            "deployer-core", ThreebotDeployer.class,
            "deployer-grid-adapter", ExplorerGridClient.class,
            "deployer-redis-logs", RedisLogStreams.class,
            "deployer-ssh-backup", SshBackupServers.class,
            "deployer-acme", AcmeCertificateIssuer.class);

    /** Testkit classes of each module, the grid adapter having two testkit packages. */
    private static final Map<String, List<Class<?>>> TESTKITS = Map.of(
            "deployer-core", List.of(LoopbackServers.class),
            "deployer-grid-adapter", List.of(HorizonDouble.class, NodePackages.class),
            "deployer-redis-logs", List.of(LocalRedis.class),
            "deployer-ssh-backup", List.of(LocalSshd.class),
            "deployer-acme", List.of(LocalPebble.class));

    /** A name of a testkit package in source text: an import, a qualified name or a javadoc link. */
    private static final Pattern TESTKIT_NAME = Pattern.compile("io\\.threebot\\.deployer\\.(\\w+\\.)*testkit\\b");

    @Test
    void noModulesMainClassesHoldATestkitClass() {
        MAIN.forEach((module, mainClass) -> {
            Path location = locationOf(mainClass);
            List<String> entries = classEntries(location);
            assertThat(entries).as("%s main classes read from %s", module, location)
                    .contains(mainClass.getName().replace('.', '/') + ".class");
            assertThat(entries).as("%s: testkit classes in %s", module, location)
                    .noneMatch(e -> e.contains("/testkit/"));
        });
    }

    @Test
    void theTestkitsComeFromTheirOwnJarsOrTestClasses() {
        TESTKITS.forEach((module, testkit) -> {
            Path main = locationOf(MAIN.get(module));
            for (Class<?> type : testkit) {
                Path location = locationOf(type);
                assertThat(location).as("%s of %s", type.getSimpleName(), module).isNotEqualTo(main);
                assertThat(classEntries(location)).as("what the check above looks for, where it belongs")
                        .contains(type.getName().replace('.', '/') + ".class").anyMatch(e -> e.contains("/testkit/"));
                assertThat(location.toString()).as("where %s comes from", type.getSimpleName())
                        .matches(".*(" + module + "-[^/]*-testkit\\.jar|/" + module + "/target/test-classes/?)$");
            }
        });
    }

    @Test
    void noMainSourceNamesATestkitPackage() throws IOException {
        Path root = projectRoot();
        List<String> offenders = new ArrayList<>();
        int read = 0;
        for (String module : MAIN.keySet()) {
            Path main = root.resolve(module).resolve("src/main");
            assertThat(main).as("main sources of %s", module).isDirectory();
            List<Path> files;
            try (Stream<Path> walk = Files.walk(main)) {
                files = walk.filter(Files::isRegularFile).toList();
            }
            for (Path file : files) {
                read++;
                if (root.relativize(file).toString().contains("/testkit/")) {
                    offenders.add(root.relativize(file) + " (in a testkit folder)");
                } else if (TESTKIT_NAME.matcher(Files.readString(file, StandardCharsets.ISO_8859_1)).find()) {
                    offenders.add(root.relativize(file) + " (names a testkit package)");
                }
            }
        }
        assertThat(read).as("main source files read").isGreaterThan(200);
        assertThat(offenders).as("main sources that use a testkit").isEmpty();
    }

    /** The jar or class folder {@code type} was loaded from. */
    private static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The names of the class files in a jar or under a class folder, with {@code /} between the parts. */
    private static List<String> classEntries(Path location) {
        try {
            if (Files.isDirectory(location)) {
                try (Stream<Path> walk = Files.walk(location)) {
                    return walk.filter(p -> p.toString().endsWith(".class"))
                            .map(p -> location.relativize(p).toString().replace('\\', '/')).toList();
                }
            }
            try (ZipFile jar = new ZipFile(location.toFile())) {
                return Collections.list(jar.entries()).stream().map(ZipEntry::getName)
                        .filter(n -> n.endsWith(".class")).toList();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The folder holding every module: the parent of this module's folder, where the tests run. */
    private static Path projectRoot() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deployer-core/src/main")) && Files.isRegularFile(dir.resolve("pom.xml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no project root above " + Path.of("").toAbsolutePath());
    }
}
