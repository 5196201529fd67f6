package io.threebot.deployer.spi;

import java.util.List;
import java.util.Optional;

/**
 * Durable typed records, grouped by kind, with compare-and-set writes.
 *
 * <p>Every write names the version it replaces ({@link #NEW} for a record that must not exist yet) and fails with
 * {@link io.threebot.deployer.spi.StaleVersionException} when another writer came first.
 *
 * <p>Every method may be called from several threads at once; the compare-and-set writes are how writers agree.
 */
public interface StateStore {
    /** The expected version of a record that does not exist yet. */
    long NEW = 0;

    <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type);

    /** Writes {@code value} if the record is still at {@code expectedVersion}; returns it at its new version. */
    <T> Versioned<T> put(String kind, String id, T value, long expectedVersion);

    <T> List<Versioned<T>> list(String kind, Class<T> type);

    /** Deletes the record if it is still at {@code expectedVersion}; false when it did not exist. */
    boolean delete(String kind, String id, long expectedVersion);
}
