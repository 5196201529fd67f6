package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.store.IndexBackfill;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.UnaryOperator;

/** The 3Bot records, one per solution uuid. */
public final class ThreebotRepository {
    /** The store kind 3Bot records are kept under. */
    public static final String KIND = "threebots";
    private final StateStore store;
    private final IndexBackfill backfill;

    public ThreebotRepository(StateStore store) {
        this.store = store;
        this.backfill = new IndexBackfill(store, KIND, Threebot.class);
    }

    /**
     * Writes the 3Bot's record. A destroyed 3Bot stays destroyed: a write of any other state over a {@code DELETED}
     * record (an operation that raced a destroy, on this instance or another) is refused.
     *
     * @throws InvalidStateException when the record says DELETED and the new state does not
     */
    public void save(Threebot threebot) {
        Records.upsert(store, KIND, threebot.uuid(), Threebot.class, threebot, old -> {
            if (old.state() == ThreebotState.DELETED && threebot.state() != ThreebotState.DELETED) {
                throw new InvalidStateException("3Bot '" + threebot.name() + "' was destroyed meanwhile; it stays "
                        + "destroyed.");
            }
            return threebot;
        });
    }

    /** The 3Bot of that id; empty for an unknown id and for one that cannot be an id alike. */
    public Optional<Threebot> find(String uuid) {
        if (!RecordKeys.isRecordId(uuid)) {
            return Optional.empty();
        }
        return store.get(KIND, uuid, Threebot.class).map(Versioned::value);
    }

    public List<Threebot> listByOwner(String owner) {
        return store.find(KIND, "owner", owner, Threebot.class).stream().map(Versioned::value)
                .filter(t -> t.owner().equals(owner))
                .sorted(Comparator.comparing(Threebot::createdAt)).toList();
    }

    /**
     * The ids of the owner's 3Bots whose records cannot be read, which {@link #listByOwner} leaves out; whose they
     * are comes from the store's index of owners.
     */
    public List<String> damagedByOwner(String owner) {
        return store.findDamaged(KIND, "owner", owner, Threebot.class);
    }

    /**
     * The 3Bots of every owner in one of these states, oldest first, found by their status through the store's
     * index; the first call on a store written before 3Bots carried their status indexes those once.
     */
    public List<Threebot> listIn(Set<ThreebotState> states) {
        backfill.once();
        return states.stream().flatMap(state -> store.find(KIND, "status", state.name(), Threebot.class).stream())
                .map(Versioned::value).filter(t -> states.contains(t.state()))
                .sorted(Comparator.comparing(Threebot::createdAt)).toList();
    }

    /** Removes a record replaced by a redeploy. */
    public void delete(String uuid) {
        store.get(KIND, uuid, Threebot.class).ifPresent(v -> store.delete(KIND, uuid, v.version()));
    }

    public Threebot update(String uuid, UnaryOperator<Threebot> change) {
        return Records.upsert(store, KIND, uuid, Threebot.class, null, change).value();
    }
}
