package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import java.util.Optional;

/**
 * What a hosted 3Bot's grid keeps of it (its plan and journal, {@link HostedThreebot}), one record per 3Bot, sealed:
 * the plan holds the owner's WireGuard key.
 */
public final class HostedRecords {
    /** The store kind the records are kept under. */
    public static final String KIND = "hosted-threebots";

    private final StateStore store;
    private final SealedJson json;

    public HostedRecords(StateStore store, SecretSealer sealer) {
        this.store = store;
        this.json = new SealedJson(sealer);
    }

    /**
     * A record as stored: the sealed JSON of a {@link HostedThreebot}, and the state its grid was last seen in (a
     * 3Bot whose contracts are gone after a grace period was deleted for lack of funds).
     */
    record Sealed(String uuid, String sealed, HostingStatus.State lastState) {
    }

    public void save(String uuid, HostedThreebot threebot) {
        String sealed = json.seal(threebot);
        Records.upsert(store, KIND, uuid, Sealed.class, new Sealed(uuid, sealed, null),
                old -> new Sealed(uuid, sealed, old.lastState()));
    }

    /** The state the 3Bot's grid was last seen in; empty before it was read. */
    public Optional<HostingStatus.State> lastState(String uuid) {
        return store.get(KIND, uuid, Sealed.class).map(v -> v.value().lastState());
    }

    /** Notes the state the 3Bot's grid is in now. */
    public void noteState(String uuid, HostingStatus.State state) {
        Records.updateExisting(store, KIND, uuid, Sealed.class,
                () -> new StoreException("hosted 3Bot " + uuid + " has no record"), old -> state == old.lastState() ? old : new Sealed(uuid, old.sealed(), state));
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
}
