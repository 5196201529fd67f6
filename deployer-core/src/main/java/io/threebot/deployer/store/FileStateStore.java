package io.threebot.deployer.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.util.concurrent.Striped;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.locks.Lock;

/**
 * Records as JSON files, {@code <directory>/<kind>/<id>.json}. A write goes to a temporary file that is flushed to
 * disk and then renamed over the old one, so a crash leaves either the old record or the new one, never half.
 * Compare-and-set is enforced within this process; one directory belongs to one deployer process.
 */
public final class FileStateStore implements StateStore {
    private static final String SUFFIX = ".json";
    private final Path directory;
    private final Striped<Lock> locks = Striped.lock(64);

    public FileStateStore(Path directory) {
        this.directory = directory.toAbsolutePath();
        try {
            Files.createDirectories(this.directory);
        } catch (IOException e) {
            throw new StoreException("cannot create the state directory " + this.directory, e);
        }
    }

    public Path directory() {
        return directory;
    }

    @Override
    public <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type) {
        RecordKeys.check(kind, id);
        return read(file(kind, id)).map(node -> toVersioned(id, node, type));
    }

    @Override
    public <T> Versioned<T> put(String kind, String id, T value, long expectedVersion) {
        RecordKeys.check(kind, id);
        Lock lock = locks.get(kind + "/" + id);
        lock.lock();
        try {
            Path file = file(kind, id);
            long actual = read(file).map(n -> n.path("version").asLong()).orElse(NEW);
            if (actual != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, actual);
            }
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("version", actual + 1);
            node.set("value", Json.mapper().valueToTree(value));
            writeAtomically(file, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(node));
            return new Versioned<>(id, actual + 1, value);
        } catch (IOException e) {
            throw new StoreException("cannot write record " + kind + "/" + id, e);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public <T> List<Versioned<T>> list(String kind, Class<T> type) {
        Path dir = directory.resolve(kind);
        List<Versioned<T>> result = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return result;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir, "*" + SUFFIX)) {
            for (Path file : files) {
                String name = file.getFileName().toString();
                String id = name.substring(0, name.length() - SUFFIX.length());
                read(file).ifPresent(node -> result.add(toVersioned(id, node, type)));
            }
        } catch (IOException e) {
            throw new StoreException("cannot list records of kind " + kind, e);
        }
        result.sort((a, b) -> a.id().compareTo(b.id()));
        return result;
    }

    @Override
    public boolean delete(String kind, String id, long expectedVersion) {
        RecordKeys.check(kind, id);
        Lock lock = locks.get(kind + "/" + id);
        lock.lock();
        try {
            Path file = file(kind, id);
            Optional<JsonNode> current = read(file);
            if (current.isEmpty()) {
                return false;
            }
            long actual = current.get().path("version").asLong();
            if (actual != expectedVersion) {
                throw new StaleVersionException(kind, id, expectedVersion, actual);
            }
            Files.deleteIfExists(file);
            return true;
        } catch (IOException e) {
            throw new StoreException("cannot delete record " + kind + "/" + id, e);
        } finally {
            lock.unlock();
        }
    }

    private Path file(String kind, String id) {
        return directory.resolve(kind).resolve(id + SUFFIX);
    }

    private static Optional<JsonNode> read(Path file) {
        try {
            return Optional.of(Json.mapper().readTree(Files.readAllBytes(file)));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new StoreException("cannot read record file " + file.getFileName(), e);
        }
    }

    private static <T> Versioned<T> toVersioned(String id, JsonNode node, Class<T> type) {
        try {
            return new Versioned<>(id, node.path("version").asLong(), Json.mapper().treeToValue(node.get("value"), type));
        } catch (IOException | IllegalArgumentException e) {
            throw new StoreException("record " + id + " does not fit " + type.getSimpleName(), e);
        }
    }

    private static void writeAtomically(Path file, byte[] bytes) throws IOException {
        Files.createDirectories(file.getParent());
        Path temp = Files.createTempFile(file.getParent(), ".tmp-", SUFFIX);
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
