package io.threebot.deployer.internal.store;

import io.threebot.deployer.errors.LeaseLostException;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.FencedOffException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leases the current thread works under. Work that runs under a lease enters its scope; every store write it
 * makes is then fenced by those leases ({@link FencingStateStore}), and every side effect the store cannot fence (a
 * grid call, a payment) is preceded by {@link #verify()}. Scopes nest (a lifecycle operation run by a chat's long
 * step works under both leases) and follow the work onto the threads it hands branches to ({@link #propagating}).
 */
public final class FenceScope implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(FenceScope.class);
    private static final ThreadLocal<List<Leases.Held>> CURRENT = ThreadLocal.withInitial(List::of);

    private final List<Leases.Held> previous;

    private FenceScope(List<Leases.Held> previous) {
        this.previous = previous;
    }

    /** Works under {@code lease} too until the returned scope is closed (on the same thread). */
    public static FenceScope enter(Leases.Held lease) {
        List<Leases.Held> before = CURRENT.get();
        List<Leases.Held> now = new ArrayList<>(before);
        now.add(lease);
        CURRENT.set(List.copyOf(now));
        return new FenceScope(before);
    }

    /**
     * Works under no lease until the returned scope is closed (on the same thread): for a write this thread makes
     * for others, fenced by their leases explicitly or by none.
     */
    public static FenceScope outside() {
        List<Leases.Held> before = CURRENT.get();
        CURRENT.remove();
        return new FenceScope(before);
    }

    /** Back to the leases the thread worked under before. */
    @Override
    public void close() {
        if (previous.isEmpty()) {
            CURRENT.remove();
        } else {
            CURRENT.set(previous);
        }
    }

    /** The fence of the leases the current thread works under; empty outside any. */
    public static Optional<Fence> current() {
        List<Leases.Held> held = CURRENT.get();
        if (held.isEmpty()) {
            return Optional.empty();
        }
        Map<String, String> tokens = new LinkedHashMap<>();
        held.forEach(lease -> tokens.put(lease.name(), lease.token()));
        return Optional.of(new Fence(tokens));
    }

    /** The names of the leases the current thread works under, outermost first. */
    public static List<String> leaseNames() {
        return CURRENT.get().stream().map(Leases.Held::name).toList();
    }

    /**
     * Before a side effect the store cannot fence: makes sure every lease the thread works under is still this
     * instance's (renewing each whose last renewal is a third of the lease old, see {@link Leases.Held#verify()}).
     * Does nothing outside any lease.
     *
     * @throws io.threebot.deployer.errors.LeaseLostException when one was taken over; the side effect must not be made
     */
    public static void verify() {
        for (Leases.Held lease : CURRENT.get()) {
            lease.verify();
        }
    }

    /**
     * True when {@code failure} (or a cause of it) says the work's lease was lost: another instance carries the work
     * on, so this runner must neither undo nor refund anything, only stop.
     */
    public static boolean leaseLost(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof LeaseLostException || t instanceof FencedOffException) {
                return true;
            }
        }
        return false;
    }

    /**
     * After a side effect: whether no lease the thread works under was taken by another instance. A lease that cannot
     * be checked now (the store failing) counts as held while it cannot have run out (renewed less than a lease ago,
     * on both clocks) and this instance does not know it lost it; after a pause past the lease it counts as lost. One
     * this instance let go itself (a shutdown) counts as held.
     */
    public static boolean stillHeld() {
        for (Leases.Held lease : CURRENT.get()) {
            if (lease.releasedHere()) {
                continue; // let go here (a shutdown): whoever resumes the work finds what was sent by its reference
            }
            try {
                lease.verifyNow(); // in the store: a take-over while this runner was away must show
            } catch (LeaseLostException lost) {
                return false;
            } catch (RuntimeException cannotTell) {
                if (!lease.held() || lease.mayHaveRunOut()) {
                    LOG.warn("Could not check lease {} after a side effect ({}); it may have run out meanwhile, so "
                            + "it counts as lost", lease.name(), cannotTell.toString());
                    return false;
                }
            }
        }
        return true;
    }

    /** An executor that runs each task under the leases of the thread that handed it over. */
    public static Executor propagating(Executor executor) {
        return task -> {
            List<Leases.Held> held = CURRENT.get();
            executor.execute(held.isEmpty() ? task : () -> {
                List<Leases.Held> before = CURRENT.get();
                CURRENT.set(held);
                try {
                    task.run();
                } finally {
                    CURRENT.set(before);
                }
            });
        };
    }
}
