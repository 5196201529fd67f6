package io.threebot.deployer.tfgrid;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The official clients as a test oracle: polkadot-js ({@code oracle.js}), {@code @threefold/grid_client} with
 * {@code @threefold/rmb_direct_client} ({@code zos-rmb-oracle.js}), and {@code @threefold/gridproxy_client}
 * ({@code gridproxy-oracle.js}). {@link #run} installs the packages pinned by
 * {@code src/test/node/package-lock.json} with {@code npm ci} into {@code target/tfgrid-oracle} (once; again when
 * the lock file changes), then runs {@code oracle.js} there with Node: the cases go in as one JSON object on stdin
 * and the answers come back as one JSON object on stdout. {@link #shippedMetadata} gives the runtime metadata of
 * real chains that {@code @polkadot/types-support} ships in the same installation (read by the oracle and handed
 * over, never kept in the repository). Without Node and npm, or without the npm registry, the tests that use it
 * fail: they do not skip.
 */
public final class PolkadotOracle {
    private static final Path SOURCE = Path.of("src", "test", "node");
    private static final Path HOME = Path.of("target", "tfgrid-oracle");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static boolean installed;
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
        Path home = install();
        try {
            List<String> command = new ArrayList<>(List.of("node", script));
            command.addAll(arguments);
            Process process = new ProcessBuilder(command).directory(home.toFile()).start();
            CompletableFuture<byte[]> stdout = drain(process.getInputStream());
            CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
            try (OutputStream in = process.getOutputStream()) {
                in.write(stdin);
            }
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("the oracle " + script + " did not finish in 120 s");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError("the oracle " + script + " failed: "
                        + new String(stderr.join(), StandardCharsets.UTF_8));
            }
            return JSON.readTree(stdout.join());
        } catch (IOException e) {
            throw new AssertionError("cannot run node (install Debian's nodejs and npm; scripts/test.sh does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static synchronized Path install() {
        if (installed) {
            return HOME;
        }
        try {
            Files.createDirectories(HOME);
            for (String file : List.of("package.json", "package-lock.json", "oracle.js", "zos-rmb-oracle.js",
                    "gridproxy-oracle.js")) {
                Files.copy(SOURCE.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
            }
            String lockHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(SOURCE.resolve("package-lock.json"))));
            Path stamp = HOME.resolve("installed-lock.sha256");
            if (!Files.isDirectory(HOME.resolve("node_modules"))
                    || !Files.exists(stamp) || !Files.readString(stamp).equals(lockHash)) {
                Files.deleteIfExists(stamp);
                Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                        .directory(HOME.toFile()).redirectErrorStream(true).start();
                CompletableFuture<byte[]> output = drain(npm.getInputStream());
                npm.getOutputStream().close();
                if (!npm.waitFor(5, TimeUnit.MINUTES)) {
                    npm.destroyForcibly();
                    throw new AssertionError("npm ci did not finish in 5 minutes");
                }
                if (npm.exitValue() != 0) {
                    throw new AssertionError("npm ci of the oracles failed (the npm registry must be "
                            + "reachable):\n" + new String(output.join(), StandardCharsets.UTF_8));
                }
                Files.writeString(stamp, lockHash);
            }
            installed = true;
            return HOME;
        } catch (IOException e) {
            throw new AssertionError("cannot run npm (install Debian's nodejs and npm; scripts/test.sh does)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static CompletableFuture<byte[]> drain(InputStream stream) {
        return CompletableFuture.supplyAsync(() -> {
            try (InputStream in = stream; ByteArrayOutputStream out = new ByteArrayOutputStream()) {
                in.transferTo(out);
                return out.toByteArray();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
