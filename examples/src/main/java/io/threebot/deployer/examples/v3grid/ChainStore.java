package io.threebot.deployer.examples.v3grid;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import io.threebot.deployer.errors.DeployerException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the chain in a data directory: one file, {@code chain.json}, with the genesis hash, the state and the
 * recent blocks, replaced atomically after every block (written to a temporary file, forced to disk, then moved
 * over the old one), so a process killed at any moment, even with SIGKILL, restarts from the last whole block.
 */
final class ChainStore {
    private static final String FILE = "chain.json";
    private final Path directory;
    private final ObjectMapper json = new ObjectMapper().registerModule(new Jdk8Module())
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    /** What the file holds. */
    record Saved(String genesisHash, ChainSnapshot state, List<Block> blocks) {
    }

    ChainStore(Path directory) {
        this.directory = directory;
    }

    Optional<Saved> load() {
        Path file = directory.resolve(FILE);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(json.readValue(file.toFile(), Saved.class));
        } catch (IOException e) {
            throw new DeployerException("the local tfchain's data file " + file + " cannot be read", e);
        }
    }

    void save(Saved saved) {
        try {
            Files.createDirectories(directory);
            Path temp = directory.resolve(FILE + ".tmp");
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                channel.write(java.nio.ByteBuffer.wrap(json.writeValueAsBytes(saved)));
                channel.force(true);
            }
            Files.move(temp, directory.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new DeployerException("the local tfchain cannot write its data file in " + directory, e);
        }
    }
}
