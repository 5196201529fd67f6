package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.testkit.NodePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The official JavaScript clients the local grid's tests drive: deployer-grid-adapter's npm packages, pinned by its
 * lock file, and its scripts, installed with {@code npm ci} where deployer-grid-adapter's oracle tests install them
 * ({@code deployer-grid-adapter/target/tfgrid-oracle}), unless they are there already from the same lock file.
 * Without Node, npm or the registry the tests fail; they never skip.
 */
final class OfficialClients {
    private static final Path SOURCE = Path.of("..", "deployer-grid-adapter", "src", "test", "node");
    /** Where deployer-grid-adapter's oracle tests install the same lock: installed once for both modules. */
    private static final Path HOME = Path.of("..", "deployer-grid-adapter", "target", "tfgrid-oracle");

    private OfficialClients() {
    }

    /** The folder to run the scripts in, with the packages installed. */
    static Path home() throws IOException {
        List<Path> scripts;
        try (Stream<Path> files = Files.list(SOURCE)) {
            scripts = files.filter(f -> f.getFileName().toString().endsWith(".js")).toList();
        }
        return NodePackages.install(SOURCE, HOME, scripts).home();
    }
}
