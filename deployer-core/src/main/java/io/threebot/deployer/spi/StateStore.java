package io.threebot.deployer.spi;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Durable typed records, grouped by kind, with compare-and-set writes.
 *
 * <p>Every write names the version it replaces ({@link #NEW} for a record that must not exist yet) and fails with
 * {@link io.threebot.deployer.spi.StaleVersionException} when another writer came first.
 *
 * <p>Records are found by id, by kind, or by one of the {@link #INDEXED_FIELDS}: a store keeps an index of those, so
 * listing one owner's 3Bots or the sessions that are running reads those records only, however many others there
 * are.
 *
 * <p>Work that runs under a lease (a chat's long step, an operation on a 3Bot) writes through the fenced forms of
 * {@link #put(String, String, Object, long, Fence) put} and {@link #delete(String, String, long, Fence) delete}, so
 * that a runner that lost its lease to another instance can no longer write.
 *
 * <p>A record that is stored but cannot be read (cut short by a full disk, say, or edited by hand into something
 * that is not one) fails {@link #get} with a {@link StoreException}; {@link #list} and {@link #find} leave it out,
 * so one damaged record does not hide the others, and {@link #findDamaged} names it under its owner.
 *
 * <p>Every method may be called from several threads at once; the compare-and-set writes are how writers agree.
 */
public interface StateStore {
    /** The expected version of a record that does not exist yet. */
    long NEW = 0;

    /**
     * The top-level fields of a record's JSON form that {@link #find} looks up through an index: {@code owner} (whose
     * record it is) and {@code status} (where a session or request stands).
     */
    Set<String> INDEXED_FIELDS = Set.of("owner", "status");

    /**
     * The record, or empty when there is none.
     *
     * @throws StoreException when it is stored but cannot be read as {@code type}
     */
    <T> Optional<Versioned<T>> get(String kind, String id, Class<T> type);

    /** Writes {@code value} if the record is still at {@code expectedVersion}; returns it at its new version. */
    <T> Versioned<T> put(String kind, String id, T value, long expectedVersion);

    <T> List<Versioned<T>> list(String kind, Class<T> type);

    /**
     * The records of a kind whose top-level field {@code field}, as text, is {@code value}, ordered by id. For the
     * {@link #INDEXED_FIELDS} only the matching records are read; for any other field every record of the kind is.
     */
    <T> List<Versioned<T>> find(String kind, String field, String value, Class<T> type);

    /**
     * The ids of the records of a kind that {@link #find} by this indexed field and value leaves out because they
     * cannot be read as {@code type}, ordered by id: a damaged 3Bot record among its owner's 3Bots, say. That such a
     * record has the value comes from the store's index ({@code owner} column, marker file), not from the record,
     * which cannot be read. The default finds none: right only for a store whose records are always readable.
     *
     * @throws IllegalArgumentException when {@code field} is not one of the {@link #INDEXED_FIELDS}: without an
     *                                  index, nothing tells what an unreadable record's field held
     */
    default List<String> findDamaged(String kind, String field, String value, Class<?> type) {
        if (!INDEXED_FIELDS.contains(field)) {
            throw new IllegalArgumentException("not an indexed field: " + field);
        }
        return List.of();
    }

    /**
     * True when several processes use this store at once (a database shared by deployer instances). Work a dead
     * instance left is then taken over only after its lease ran out; on a store of one process (false, the default)
     * it is taken over when the process starts again.
     */
    default boolean shared() {
        return false;
    }

    /** Deletes the record if it is still at {@code expectedVersion}; false when it did not exist. */
    boolean delete(String kind, String id, long expectedVersion);

    /**
     * Like {@link #put(String, String, Object, long)}, taken only while every lease of {@code fence} is still held
     * with its token, checked in the same atomic step as the write (on a database, in the same transaction, with the
     * lease rows locked against a concurrent take-over).
     *
     * @throws FencedOffException   when a lease is gone or held with another token; nothing was written
     * @throws StaleVersionException when the record is not at {@code expectedVersion}
     */
    <T> Versioned<T> put(String kind, String id, T value, long expectedVersion, Fence fence);

    /**
     * Like {@link #delete(String, String, long)}, taken only while every lease of {@code fence} is still held with
     * its token (see {@link #put(String, String, Object, long, Fence)}).
     *
     * @throws FencedOffException when a lease is gone or held with another token; nothing was deleted
     */
    boolean delete(String kind, String id, long expectedVersion, Fence fence);
}
