package io.threebot.deployer.internal.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A directory made for one run and deleted, with everything in it, when closed. */
public final class TemporaryDirectory implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TemporaryDirectory.class);
    private final Path path;

    private TemporaryDirectory(Path path) {
        this.path = path;
    }

    /**
     * Makes a new directory under the system's temporary directory, readable by its owner alone.
     *
     * @throws UncheckedIOException when it cannot be made
     */
    public static TemporaryDirectory create(String prefix) {
        try {
            return new TemporaryDirectory(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not make a temporary directory", e);
        }
    }

    public Path path() {
        return path;
    }

    /** Deletes the directory and everything in it; what cannot be deleted is logged and left. */
    @Override
    public void close() {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> files = Files.walk(path)) {
            for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(file);
            }
        } catch (IOException | UncheckedIOException e) {
            LOG.warn("Could not delete the temporary directory {}: {}", path, e.getMessage());
        }
    }
}
