package io.threebot.deployer.tfgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.testkit.NodePackages;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The official clients as a test oracle: polkadot-js ({@code oracle.js}), {@code @threefold/grid_client} with
 * {@code @threefold/rmb_direct_client} ({@code zos-rmb-oracle.js}), and {@code @threefold/gridproxy_client}
 * ({@code gridproxy-oracle.js}). {@link #run} installs the packages pinned by
 * {@code src/test/node/package-lock.json} with {@code npm ci} into {@code target/tfgrid-oracle} (once; again when
 * the lock file changes; {@link NodePackages}), then runs {@code oracle.js} there with Node: the cases go in as one JSON object on stdin
 * and the answers come back as one JSON object on stdout. {@link #shippedMetadata} gives the runtime metadata of
 * real chains that {@code @polkadot/types-support} ships in the same installation (read by the oracle and handed
 * over, never kept in the repository). Without Node and npm, or without the npm registry, the tests that use it
 * fail: they do not skip.
 */
public final class PolkadotOracle {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "tfgrid-oracle");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static NodePackages packages;
    private static Map<String, byte[]> shipped;
    private static String typesSupportVersion;

    private PolkadotOracle() {
    }

    /**
     * The static runtime metadata (v14) that {@code @polkadot/types-support} ships, by chain: {@code substrate},
     * {@code polkadot} and {@code kusama}. The oracle prints it from the installed package; the oracle's main run
     * reads the same package, and says so by hash.
     */
    public static synchronized Map<String, byte[]> shippedMetadata() {
        if (shipped == null) {
            JsonNode answer = node(List.of("metadata"), new byte[0]);
            Map<String, byte[]> blobs = new TreeMap<>();
            answer.get("metadata").fields().forEachRemaining(e -> {
                String hex = e.getValue().asText();
                if (!hex.startsWith("0x")) {
                    throw new AssertionError("the shipped " + e.getKey() + " metadata is not 0x hex");
                }
                blobs.put(e.getKey(), HexFormat.of().parseHex(hex.substring(2)));
            });
            typesSupportVersion = answer.get("typesSupport").asText();
            shipped = Map.copyOf(blobs);
        }
        return shipped;
    }

    /** The version of {@code @polkadot/types-support} the shipped metadata came from. */
    public static synchronized String typesSupportVersion() {
        shippedMetadata();
        return typesSupportVersion;
    }

    /** Runs the oracle over the cases. */
    public static JsonNode run(JsonNode cases) {
        return run("oracle.js", cases);
    }

    /**
     * Runs another oracle script of the same installation over the cases, in the same way: {@code zos-rmb-oracle.js}
     * answers with what {@code @threefold/grid_client} and {@code @threefold/rmb_direct_client} compute.
     */
    public static JsonNode run(String script, JsonNode cases) {
        try {
            return node(script, List.of(), JSON.writeValueAsBytes(cases));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode node(List<String> arguments, byte[] stdin) {
        return node("oracle.js", arguments, stdin);
    }

    private static JsonNode node(String script, List<String> arguments, byte[] stdin) {
        try {
            return JSON.readTree(install().run(script, arguments, stdin, Duration.ofSeconds(120)));
        } catch (IOException e) {
            throw new AssertionError("the oracle " + script + " failed (it needs Debian's nodejs and npm, which "
                    + "scripts/test.sh installs, and the npm registry the first time): " + e.getMessage(), e);
        }
    }

    private static synchronized NodePackages install() throws IOException {
        if (packages == null) {
            List<Path> scripts = new ArrayList<>();
            for (String script : List.of("oracle.js", "zos-rmb-oracle.js", "gridproxy-oracle.js")) {
                scripts.add(SOURCE.resolve(script));
            }
            packages = NodePackages.install(SOURCE, HOME, scripts);
        }
        return packages;
    }
}
