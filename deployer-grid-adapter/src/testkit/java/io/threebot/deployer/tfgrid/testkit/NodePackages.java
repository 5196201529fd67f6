package io.threebot.deployer.tfgrid.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Node scripts run beside npm packages pinned by a lock file, for tests and benchmarks that compare with the official
 * JavaScript clients (polkadot-js, the ThreeFold TS clients). {@link #install} copies {@code package.json},
 * {@code package-lock.json} and the scripts into a working folder and runs {@code npm ci} there when its
 * {@code node_modules} is missing or was installed from another lock; {@link #run} runs a script there with Node, its
 * input on stdin and its output read from stdout. Needs {@code node} and {@code npm} on the PATH, and the npm registry
 * (or npm's cache) for the first install.
 */
public final class NodePackages {
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);
    private final Path home;

    private NodePackages(Path home) {
        this.home = home;
    }

    /**
     * Prepares {@code home}: copies {@code package.json} and {@code package-lock.json} from {@code packages} and every
     * one of {@code scripts} (by file name) into it, and installs the locked packages with
     * {@code npm ci --ignore-scripts} unless they are installed from the same lock already.
     *
     * @throws IOException when a file cannot be copied, or npm cannot run, fails or takes over 10 minutes
     */
    public static NodePackages install(Path packages, Path home, List<Path> scripts) throws IOException {
        Files.createDirectories(home);
        List<Path> files = new ArrayList<>(List.of(packages.resolve("package.json"),
                packages.resolve("package-lock.json")));
        files.addAll(scripts);
        for (Path file : files) {
            Files.copy(file, home.resolve(file.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
        String lock = sha256(Files.readAllBytes(home.resolve("package-lock.json")));
        Path stamp = home.resolve("installed-lock.sha256");
        if (Files.isDirectory(home.resolve("node_modules")) && Files.exists(stamp)
                && Files.readString(stamp).equals(lock)) {
            return new NodePackages(home);
        }
        Files.deleteIfExists(stamp);
        exec(List.of("npm", "ci", "--no-audit", "--no-fund", "--ignore-scripts"), home, new byte[0], INSTALL_TIMEOUT,
                "npm ci (the npm registry must be reachable)");
        Files.writeString(stamp, lock);
        return new NodePackages(home);
    }

    /** The working folder the packages are installed in. */
    public Path home() {
        return home;
    }

    /**
     * Runs {@code node script arguments...} in the working folder with {@code stdin} as its input.
     *
     * @return what the script wrote on stdout
     * @throws IOException when Node cannot run, the script exits with another status than 0 (its stderr is in the
     *                     message) or takes longer than {@code timeout} (it is killed)
     */
    public byte[] run(String script, List<String> arguments, byte[] stdin, Duration timeout) throws IOException {
        List<String> command = new ArrayList<>(List.of("node", script));
        command.addAll(arguments);
        return exec(command, home, stdin, timeout, "node " + script);
    }

    private static byte[] exec(List<String> command, Path directory, byte[] stdin, Duration timeout, String what)
            throws IOException {
        Process process;
        try {
            process = new ProcessBuilder(command).directory(directory.toFile()).start();
        } catch (IOException e) {
            throw new IOException("cannot run " + command.get(0) + " (install Node 20 and npm)", e);
        }
        CompletableFuture<byte[]> stdout = drain(process.getInputStream());
        CompletableFuture<byte[]> stderr = drain(process.getErrorStream());
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin);
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IOException(what + " did not finish in " + timeout.toSeconds() + " s");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new InterruptedIOException(what + " was interrupted");
        }
        if (process.exitValue() != 0) {
            throw new IOException(what + " failed:\n" + new String(stdout.join(), StandardCharsets.UTF_8)
                    + new String(stderr.join(), StandardCharsets.UTF_8));
        }
        return stdout.join();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
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
