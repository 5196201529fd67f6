package io.threebot.deployer.examples;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A Node script of the examples run with the npm packages the TFGrid v3 test oracles pin
 * ({@code deployer-grid-adapter/src/test/node/package-lock.json}): the lock, its package.json and the oracle files
 * are copied beside the script into {@code examples/target/tfgrid-node}, installed there with {@code npm ci} when
 * missing or when the lock changed, and the script runs there with one JSON object on stdin and one on stdout.
 * Needs Node 20 and npm (and the npm registry the first time).
 */
final class NodeScript {
    private static final Path ORACLES = Path.of("deployer-grid-adapter", "src", "test", "node");
    private static final Path SCRIPTS = Path.of("examples", "src", "main", "node");
    private static final Path HOME = Path.of("examples", "target", "tfgrid-node");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String script;

    NodeScript(String script) {
        this.script = script;
    }

    /** Runs the script with these arguments and input; its JSON answer. */
    JsonNode run(List<String> arguments, JsonNode input, long timeoutSeconds) throws IOException,
            InterruptedException {
        Path home = install();
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).directory(home.toFile()).start();
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(JSON.writeValueAsBytes(input));
        }
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException(script + " did not finish in " + timeoutSeconds + " s");
        }
        if (process.exitValue() != 0) {
            throw new IOException(script + " failed: " + new String(stderr.join()));
        }
        return JSON.readTree(stdout.join());
    }

    private Path install() throws IOException, InterruptedException {
        if (!Files.isDirectory(ORACLES)) {
            throw new IOException("run from the repository's root (./scripts/benchmark.sh does): " + ORACLES
                    + " is not here");
        }
        Files.createDirectories(HOME);
        for (String file : List.of("package.json", "package-lock.json", "zos-rmb-oracle.js")) {
            Files.copy(ORACLES.resolve(file), HOME.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        }
        Files.copy(SCRIPTS.resolve(script), HOME.resolve(script), StandardCopyOption.REPLACE_EXISTING);
        String lock = sha256(Files.readAllBytes(ORACLES.resolve("package-lock.json")));
        Path stamp = HOME.resolve("installed-lock.sha256");
        if (Files.isDirectory(HOME.resolve("node_modules")) && Files.exists(stamp)
                && Files.readString(stamp).equals(lock)) {
            return HOME;
        }
        Files.deleteIfExists(stamp);
        System.out.println("npm ci in " + HOME + " (the packages the TFGrid v3 oracles pin)");
        Process npm = new ProcessBuilder("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts")
                .directory(HOME.toFile()).redirectErrorStream(true).start();
        CompletableFuture<byte[]> output = drain(npm.getInputStream());
        npm.getOutputStream().close();
        if (!npm.waitFor(10, TimeUnit.MINUTES)) {
            npm.destroyForcibly();
            throw new IOException("npm ci did not finish in 10 minutes");
        }
        if (npm.exitValue() != 0) {
            throw new IOException("npm ci failed:\n" + new String(output.join()));
        }
        Files.writeString(stamp, lock);
        return HOME;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
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
