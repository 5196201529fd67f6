package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.internal.store.RecordKeys;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lets one operation at a time run on a 3Bot, across deployer instances too: an operation holds the 3Bot's lease
 * while it runs, and a second one meanwhile is refused at once ({@link OperationInProgressException}), never queued.
 * Nothing is held but the lease and a mark in this instance's set of busy 3Bots, so no lock is held across I/O.
 */
final class OperationGuard {
    private static final Logger LOG = LoggerFactory.getLogger(OperationGuard.class);

    private final Leases leases;
    /** The 3Bots an operation runs on in this instance. */
    private final ConcurrentMap<String, Boolean> busy = new ConcurrentHashMap<>();

    OperationGuard(Leases leases) {
        this.leases = leases;
    }

    /**
     * Runs an operation on one 3Bot, refusing it at once when another runs on it, here or on another instance (its
     * lease). Everything the operation writes is fenced by the lease, and every side effect checks it first: an
     * instance whose lease was taken over (paused past it, say) changes nothing more.
     *
     * @throws ThreebotNotFoundException     when {@code uuid} cannot be a 3Bot's id
     * @throws OperationInProgressException when another operation runs on the 3Bot, or took this one over
     */
    <T> T locked(String uuid, Supplier<T> operation) {
        if (!RecordKeys.isRecordId(uuid)) {
            throw new ThreebotNotFoundException("No 3Bot has the id '" + uuid + "'.");
        }
        if (busy.putIfAbsent(uuid, Boolean.TRUE) != null) {
            throw inProgress();
        }
        try {
            Leases.Held lease = leases.tryAcquire("threebot-" + uuid, () -> LOG.warn(
                    "The lease of 3Bot {} was taken over during an operation; it writes and sends nothing more", uuid))
                    .orElseThrow(OperationGuard::inProgress);
            try (lease; FenceScope scope = FenceScope.enter(lease)) {
                return operation.get();
            } catch (RuntimeException e) {
                if (FenceScope.leaseLost(e)) {
                    // this instance was paused past the lease: another took the operation over and finishes it
                    throw new OperationInProgressException("This operation was taken over by another deployer "
                            + "instance, which finishes it; look at the 3Bot again in a moment.");
                }
                throw e;
            }
        } finally {
            busy.remove(uuid);
        }
    }

    /** Whether an operation runs on the 3Bot in this instance now. */
    boolean busy(String uuid) {
        return busy.containsKey(uuid);
    }

    private static OperationInProgressException inProgress() {
        return new OperationInProgressException("Another operation on this 3Bot is running; try again when it has "
                + "finished.");
    }
}
