package io.threebot.deployer.examples;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One ACME command-line client (lego, certbot) as an operator runs it: a whole process per issuance, timed from
 * its start to its exit, its output kept in a log file and shown when it fails.
 *
 * @param tool        the executable's name, looked up on the PATH
 * @param debPackage  the Debian package that installs it
 * @param environment variables added to the process's environment (the CA's trusted root, say)
 * @param log         where the output of the last run is
 */
record CliIssuance(String tool, String debPackage, Map<String, String> environment, Path log) {
    private static final long TIMEOUT_SECONDS = 120;

    /** Fails, naming the package to install, when the tool is not on the PATH. */
    CliIssuance requireInstalled() {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String folder : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(folder, tool))) {
                return this;
            }
        }
        throw new IllegalStateException(tool + " is not installed; the certificate benchmark needs it: "
                + "apt-get install -y " + debPackage);
    }

    /** Runs the tool with the arguments and returns its wall time in milliseconds; fails unless it exits 0. */
    double run(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(tool);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        long start = System.nanoTime();
        Process process = builder.start();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException(tool + " did not finish within " + TIMEOUT_SECONDS + " s: "
                    + Files.readString(log));
        }
        double millis = (System.nanoTime() - start) / 1e6;
        if (process.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed (exit " + process.exitValue()
                    + "):\n" + Files.readString(log));
        }
        return millis;
    }
}
