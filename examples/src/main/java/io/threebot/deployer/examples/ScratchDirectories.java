package io.threebot.deployer.examples;

import com.google.common.io.MoreFiles;
import com.google.common.io.RecursiveDeleteOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Temporary directories a benchmark writes its stores and keys into, removed with everything in them when the program
 * ends (a run of 1,000 deploys leaves some 140 MB of records otherwise).
 */
final class ScratchDirectories {
    private ScratchDirectories() {
    }

    /** A new directory under the system's temporary directory, its name starting with {@code prefix}. */
    static Path create(String prefix) throws IOException {
        Path directory = Files.createTempDirectory(prefix);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                MoreFiles.deleteRecursively(directory, RecursiveDeleteOption.ALLOW_INSECURE);
            } catch (IOException e) {
                System.err.println("could not remove " + directory + ": " + e.getMessage());
            }
        }, "remove-" + directory.getFileName()));
        return directory;
    }
}
