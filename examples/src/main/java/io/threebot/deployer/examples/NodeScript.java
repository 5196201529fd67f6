package io.threebot.deployer.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.testkit.NodePackages;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * A Node script of the examples ({@code examples/src/main/node}) run with the npm packages the TFGrid v3 test oracles
 * pin ({@code deployer-grid-adapter/src/test/node/package-lock.json}), installed by {@link NodePackages} into
 * {@code examples/target/tfgrid-node} beside the oracles' {@code zos-rmb-oracle.js}; one JSON object on stdin, one
 * on stdout. Run from the repository's root.
 */
final class NodeScript {
    private static final Path ORACLES = Path.of("deployer-grid-adapter", "src", "test", "node");
    private static final Path SCRIPTS = Path.of("examples", "src", "main", "node");
    private static final Path HOME = Path.of("examples", "target", "tfgrid-node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String script;
    private NodePackages packages;

    NodeScript(String script) {
        this.script = script;
    }

    /** Runs the script with these arguments and input; its JSON answer. */
    JsonNode run(List<String> arguments, JsonNode input, Duration timeout) throws IOException {
        if (packages == null) {
            if (!Files.isDirectory(ORACLES)) {
                throw new IOException("run from the repository's root (./scripts/benchmark.sh does): " + ORACLES
                        + " is not here");
            }
            packages = NodePackages.install(ORACLES, HOME, List.of(ORACLES.resolve("zos-rmb-oracle.js"),
                    SCRIPTS.resolve(script)));
        }
        return JSON.readTree(packages.run(script, arguments, JSON.writeValueAsBytes(input), timeout));
    }
}
