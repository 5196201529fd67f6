package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.store.IndexBackfill;
import io.threebot.deployer.internal.store.RecordFields;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a hosted 3Bot's grid keeps of it (its plan and journal, {@link HostedThreebot}), one record per 3Bot, sealed:
 * the plan holds the owner's WireGuard key. Each record names its 3Bot's owner, so an owner's records are read
 * together through the store's owner index.
 */
public final class HostedRecords {
    /** The store kind the records are kept under. */
    public static final String KIND = "hosted-threebots";
    private static final Logger LOG = LoggerFactory.getLogger(HostedRecords.class);

    private final StateStore store;
    private final SealedJson json;
    private final IndexBackfill owners;

    public HostedRecords(StateStore store, SecretSealer sealer) {
        this.store = store;
        this.json = new SealedJson(sealer);
        this.owners = new IndexBackfill(store, KIND, (id, stored) -> withOwner(id,
                RecordFields.value(stored, Sealed.class, id)));
    }

    /**
     * A record as stored: the 3Bot's owner (indexed; absent in records written before it was kept), the sealed JSON
     * of a {@link HostedThreebot}, and the state its grid was last seen in (a 3Bot whose contracts are gone after a
     * grace period was deleted for lack of funds).
     */
    record Sealed(String uuid, String owner, String sealed, HostingStatus.State lastState) {
    }

    /** A hosted 3Bot's record as read: the 3Bot on its grid and the state its grid was last seen in. */
    public static final class Stored {
        private final Versioned<Sealed> record;
        private final HostedThreebot threebot;

        private Stored(Versioned<Sealed> record, HostedThreebot threebot) {
            this.record = record;
            this.threebot = threebot;
        }

        /** The 3Bot on its grid: its plan, account and journal. */
        public HostedThreebot threebot() {
            return threebot;
        }

        /** The state the 3Bot's grid was last seen in; empty before it was read. */
        public Optional<HostingStatus.State> lastState() {
            return Optional.ofNullable(record.value().lastState());
        }
    }

    /**
     * An owner's hosted records: those read, by 3Bot id, and the ids of those that cannot be read (stored damaged,
     * or sealed with a key the deployer no longer has).
     */
    public record Owned(Map<String, Stored> readable, Set<String> damaged) {
        public Owned {
            readable = Map.copyOf(readable);
            damaged = Set.copyOf(damaged);
        }

        /** The record of the 3Bot of that id, when it is hosted and readable. */
        public Optional<Stored> of(String uuid) {
            return Optional.ofNullable(readable.get(uuid));
        }
    }

    /** Keeps the hosted 3Bot of that id, whose owner is {@code owner}. */
    public void save(String uuid, String owner, HostedThreebot threebot) {
        String sealed = json.seal(threebot);
        Records.upsert(store, KIND, uuid, Sealed.class, new Sealed(uuid, owner, sealed, null),
                old -> new Sealed(uuid, owner, sealed, old.lastState()));
    }

    /**
     * The owner's hosted records, read together: one look-up of the store's owner index, and one of the records it
     * lists that cannot be read (records written before they named their owner are indexed once per store first).
     */
    public Owned byOwner(String owner) {
        owners.once();
        Map<String, Stored> readable = new HashMap<>();
        Set<String> damaged = new TreeSet<>(store.findDamaged(KIND, "owner", owner, Sealed.class));
        for (Versioned<Sealed> record : store.find(KIND, "owner", owner, Sealed.class)) {
            try {
                readable.put(record.id(), new Stored(record, json.open(record.value().sealed(),
                        HostedThreebot.class)));
            } catch (StoreException e) {
                LOG.warn("The hosted record of 3Bot {} cannot be opened: {}", record.id(), e.getMessage());
                damaged.add(record.id());
            }
        }
        return new Owned(readable, damaged);
    }

    /** Notes the state the 3Bot's grid is in now, on the record as it is now. */
    private void noteState(String uuid, HostingStatus.State state) {
        Records.updateExisting(store, KIND, uuid, Sealed.class,
                () -> new StoreException("hosted 3Bot " + uuid + " has no record"),
                old -> state == old.lastState() ? old : new Sealed(uuid, old.owner(), old.sealed(), state));
    }

    /**
     * Notes the state the 3Bot's grid is in now, on the record as it was read: nothing is written when the state is
     * the one noted, and the record is read again only when it changed since.
     */
    public void noteState(Stored read, HostingStatus.State state) {
        Sealed old = read.record.value();
        if (state == old.lastState()) {
            return;
        }
        try {
            store.put(KIND, read.record.id(), new Sealed(old.uuid(), old.owner(), old.sealed(), state),
                    read.record.version());
        } catch (StaleVersionException e) {
            noteState(read.record.id(), state);
        }
    }

    /**
     * Whether a 3Bot of that id runs on the hosting grid, without opening its record: a 3Bot is hosted or not for
     * its whole life, so this may be asked before an operation takes the 3Bot's lease.
     */
    public boolean exists(String uuid) {
        return RecordKeys.isRecordId(uuid) && store.get(KIND, uuid, Sealed.class).isPresent();
    }

    /** The hosted 3Bot of that id; empty for a 3Bot of the explorer grid and for an unknown id. */
    public Optional<HostedThreebot> find(String uuid) {
        if (!RecordKeys.isRecordId(uuid)) {
            return Optional.empty();
        }
        return store.get(KIND, uuid, Sealed.class).map(v -> json.open(v.value().sealed(), HostedThreebot.class));
    }

    /** A record written before records named their owner, with its 3Bot's owner (as it was when none is known). */
    private Sealed withOwner(String uuid, Sealed stored) {
        if (stored.owner() != null) {
            return stored;
        }
        return store.get(ThreebotRepository.KIND, uuid, Threebot.class)
                .map(t -> new Sealed(stored.uuid(), t.value().owner(), stored.sealed(), stored.lastState()))
                .orElse(stored);
    }
}
