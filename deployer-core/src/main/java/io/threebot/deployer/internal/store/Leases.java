package io.threebot.deployer.internal.store;

import io.threebot.deployer.errors.LeaseLostException;
import io.threebot.deployer.spi.Fence;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leases in the state store, so that of several deployer instances on one shared store exactly one works on a
 * session's long step or on a 3Bot at a time. A lease is a record ({@code lease/<name>}) naming its holder and when
 * it runs out; it is taken and renewed by compare-and-set, so two instances never both hold it, and renewed at a
 * third of its duration while the work goes on. An instance that dies stops renewing; its lease runs out and another
 * instance may take the work over. When renewing fails because someone else took the lease, the holder is told
 * ({@code onLost}) and must stop writing results.
 *
 * <p>On a store only one process uses ({@link StateStore#shared()} false), a lease left by a previous run of the same
 * directory can be taken at once: nobody else can be holding it.
 *
 * <p>A check before a side effect ({@link Held#verify()}) writes only when the holder's last renewal is a third of
 * the lease old or older: a younger one leaves the lease at least two thirds of its duration, so nobody can have
 * taken it meanwhile (another instance waits for it to run out; this one's own later take-over of the same name is
 * known here).
 */
public final class Leases implements AutoCloseable {
    /** The record kind of leases. */
    public static final String KIND = Fence.LEASE_KIND;
    private static final Logger LOG = LoggerFactory.getLogger(Leases.class);

    /**
     * A stored lease: who holds it, until when, and the token its holder got when it took it (kept while it renews;
     * a new one at every take-over), which fenced writes name ({@link Fence}). Leases stored before tokens existed
     * read with a null token, which no fence admits.
     */
    public record Lease(String holder, Instant until, String token) {
        public Lease {
            Objects.requireNonNull(holder, "holder");
            Objects.requireNonNull(until, "until");
        }
    }

    private final StateStore store;
    private final String instanceId;
    private final Duration duration;
    private final Clock clock;
    private final ScheduledExecutorService renewer;
    /** Monotonic time in nanoseconds; it keeps running while the process is paused (SIGSTOP). */
    private final LongSupplier nanoTime;
    /** The holder this instance last gave each lease it holds to: an earlier holder of the same name lost it. */
    private final ConcurrentMap<String, Held> holders = new ConcurrentHashMap<>();

    /**
     * @param instanceId this deployer instance, unique among those sharing the store
     * @param duration   how long a lease lasts unless renewed
     * @param clock      wall-clock time, compared across instances
     */
    public Leases(StateStore store, String instanceId, Duration duration, Clock clock) {
        this(store, instanceId, duration, clock, System::nanoTime);
    }

    /** Like {@link #Leases(StateStore, String, Duration, Clock)}, with a monotonic time source of the test's. */
    Leases(StateStore store, String instanceId, Duration duration, Clock clock, LongSupplier nanoTime) {
        this.store = Objects.requireNonNull(store, "store");
        this.instanceId = Objects.requireNonNull(instanceId, "instanceId");
        this.duration = Objects.requireNonNull(duration, "duration");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.renewer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "threebot-deployer-leases");
            t.setDaemon(true);
            return t;
        });
    }

    public String instanceId() {
        return instanceId;
    }

    public Duration duration() {
        return duration;
    }

    /**
     * Takes the lease when nobody holds it, its holder let it run out, or the store is this process's alone; it is
     * then renewed until {@link Held#close()}. Empty when another instance holds it.
     *
     * @param onLost run (on the renewing thread) when a renewal finds the lease taken by someone else
     */
    public Optional<Held> tryAcquire(String name, Runnable onLost) {
        for (int attempt = 0; attempt < 3; attempt++) {
            long startedNanos = nanoTime.getAsLong();
            Instant now = clock.instant();
            Optional<Versioned<Lease>> current = store.get(KIND, name, Lease.class);
            if (current.isPresent() && store.shared() && !current.get().value().holder().equals(instanceId)
                    && current.get().value().until().isAfter(now)) {
                return Optional.empty();
            }
            try {
                String token = UUID.randomUUID().toString();
                Versioned<Lease> taken = store.put(KIND, name, new Lease(instanceId, now.plus(duration), token),
                        current.map(Versioned::version).orElse(StateStore.NEW));
                Held held = new Held(name, token, new Renewal(taken.version(), startedNanos, now), onLost);
                Held earlier = holders.put(name, held);
                if (earlier != null) {
                    earlier.superseded = true; // taken again here (a previous run of the same work): not its any more
                }
                long every = Math.max(1, duration.toMillis() / 3);
                held.renewal = renewer.scheduleWithFixedDelay(held::renewOrGiveUp, every, every,
                        TimeUnit.MILLISECONDS);
                return Optional.of(held);
            } catch (StaleVersionException e) {
                // released or renewed meanwhile: look again
            }
        }
        return Optional.empty();
    }

    /** Stops renewing; leases still held run out (or are released by their holders). */
    @Override
    public void close() {
        renewer.shutdownNow();
        io.threebot.deployer.internal.support.Shutdowns.awaitAll(Duration.ofSeconds(2), java.util.List.of(renewer));
    }

    /**
     * A renewal that landed: the version it wrote, and when it began on the monotonic clock and on the wall clock
     * (the lease then lasts until that wall-clock time plus the duration).
     */
    private record Renewal(long version, long startedNanos, Instant startedAt) {
    }

    /** A lease this instance holds, with the token its fenced writes name. */
    public final class Held implements AutoCloseable {
        private final String name;
        private final String token;
        private final Runnable onLost;
        private volatile long version;
        /** The renewal (or the take) that wrote the stored lease's latest version of this holder's. */
        private final AtomicReference<Renewal> lastRenewal;
        /** True once this instance took the same lease again with another holder. */
        private volatile boolean superseded;
        private final java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        /** True once this holder let the lease go itself (its work ended, or the deployer shut down). */
        private volatile boolean released;
        private volatile ScheduledFuture<?> renewal;

        private Held(String name, String token, Renewal taken, Runnable onLost) {
            this.name = name;
            this.token = token;
            this.version = taken.version();
            this.lastRenewal = new AtomicReference<>(taken);
            this.onLost = onLost;
        }

        public String name() {
            return name;
        }

        /**
         * True when this holder let the lease go itself rather than lost it to another instance: what it still sends
         * is found again by whoever resumes the work.
         */
        public boolean releasedHere() {
            return released;
        }

        /** The token this holder took the lease with; fenced writes name it. */
        public String token() {
            return token;
        }

        /**
         * Makes sure the lease is still this holder's before a side effect the store cannot fence (a grid call, a
         * payment). When its last renewal began less than a third of the lease ago, on the monotonic clock (which
         * counts a pause of the process) and on the wall clock alike, the lease still lasts at least two thirds of
         * its duration and nobody can have taken it: nothing is written. Otherwise it is renewed at once, as
         * {@link #verifyNow()} does.
         *
         * @throws LeaseLostException when another instance took it over or it was released; the work must stop
         */
        public void verify() {
            if (!lost.get() && !superseded && renewedRecently()) {
                return;
            }
            verifyNow();
        }

        /**
         * Like {@link #verify()}, always renewing the lease in the store, so it also lasts a full duration from now:
         * the check after a side effect, which must see a take-over made while this holder was away.
         *
         * @throws LeaseLostException when another instance took it over or it was released; the work must stop
         */
        public void verifyNow() {
            boolean held;
            try {
                held = renew();
            } catch (StaleVersionException e) {
                throw e;
            } catch (StoreException e) {
                // the store takes no write (a full disk): a lease it still shows as ours, not run out, is ours
                held = stillShownAsOurs();
            }
            if (!held) {
                throw new LeaseLostException("The work under lease " + name + " was taken over by another deployer "
                        + "instance; this one stops it.");
            }
        }

        /** Whether the last renewal began less than a third of the lease ago on both clocks. */
        private boolean renewedRecently() {
            return renewedWithin(duration.toNanos() / 3);
        }

        /**
         * Whether the lease may have run out, so that another instance may have taken it: its last renewal (or its
         * take) began a whole lease ago or more, on the monotonic clock (which counts a pause of the process) or on
         * the wall clock. A lease that has not is this holder's still, whatever the store can say now.
         */
        public boolean mayHaveRunOut() {
            return !renewedWithin(duration.toNanos());
        }

        private boolean renewedWithin(long nanos) {
            Renewal last = lastRenewal.get();
            long monotonic = nanoTime.getAsLong() - last.startedNanos();
            long wall = Duration.between(last.startedAt(), clock.instant()).toNanos();
            return monotonic >= 0 && monotonic < nanos && wall >= 0 && wall < nanos;
        }

        private boolean stillShownAsOurs() {
            return store.get(KIND, name, Lease.class).map(Versioned::value)
                    .filter(l -> token.equals(l.token()) && l.until().isAfter(clock.instant())).isPresent();
        }

        /** False once a renewal found the lease taken by another instance. */
        public boolean held() {
            return !lost.get();
        }

        /**
         * Extends the lease; false (and {@code onLost} run) when another instance holds it now. Holds no lock: two
         * renewals of this holder at once (the renewer's and one before a side effect) both find the lease theirs,
         * told apart from a take-over by its token.
         */
        public boolean renew() {
            for (int attempt = 0; attempt < 3 && !lost.get(); attempt++) {
                long expected = version;
                long startedNanos = nanoTime.getAsLong();
                Instant startedAt = clock.instant();
                try {
                    long renewed = store.put(KIND, name, new Lease(instanceId, startedAt.plus(duration), token),
                            expected).version();
                    version = Math.max(version, renewed);
                    Renewal landed = new Renewal(renewed, startedNanos, startedAt);
                    lastRenewal.accumulateAndGet(landed, (a, b) -> b.version() > a.version() ? b : a);
                    return true;
                } catch (StaleVersionException e) {
                    Optional<Versioned<Lease>> now = store.get(KIND, name, Lease.class);
                    if (now.isEmpty() || !token.equals(now.get().value().token())) {
                        break; // taken over, or released
                    }
                    version = now.get().version(); // renewed by this holder meanwhile: renew from there
                }
            }
            if (lost.compareAndSet(false, true)) {
                LOG.warn("Lease {} was taken over by another instance; this one stops its work", name);
                cancelRenewal();
                onLost.run();
            }
            return false;
        }

        private void renewOrGiveUp() {
            try {
                renew();
            } catch (RuntimeException e) {
                // the store is down: the lease may run out; the next renewal tells
                LOG.warn("Could not renew lease {}: {}", name, e.getMessage());
            }
        }

        /**
         * Stops renewing and releases the lease when it is still this holder's. One that another instance took over
         * while this holder was away (paused past its lease, say) counts as lost, not as let go here: what this
         * holder's other threads still send is then taken back ({@link FenceScope#stillHeld()}).
         */
        @Override
        public void close() {
            cancelRenewal();
            holders.remove(name, this);
            if (lost.get()) {
                return; // lost, or closed already
            }
            try {
                Optional<Versioned<Lease>> now = store.get(KIND, name, Lease.class);
                if (now.isEmpty() || !token.equals(now.get().value().token())) {
                    lost.set(true); // taken over (and maybe released by its new holder) meanwhile: nothing is ours
                    return;
                }
                released = true;
                lost.set(true);
                long expected = now.get().version();
                for (int attempt = 0; attempt < 3; attempt++) {
                    try {
                        store.delete(KIND, name, expected);
                        return;
                    } catch (StaleVersionException e) {
                        // a renewal in flight when the renewing stopped may have written after the version was read:
                        // still ours (our token), it is released at its version; another's, nothing is ours
                        Optional<Versioned<Lease>> again = store.get(KIND, name, Lease.class);
                        if (again.isEmpty() || !token.equals(again.get().value().token())) {
                            return;
                        }
                        expected = again.get().version();
                    }
                }
                LOG.warn("Could not release lease {}: its renewals kept changing it; it runs out by itself", name);
            } catch (StoreException e) {
                released = true; // whoever resumes the work finds what was sent by its reference
                lost.set(true);
                LOG.warn("Could not release lease {}; it runs out by itself: {}", name, e.getMessage());
            }
        }

        private void cancelRenewal() {
            ScheduledFuture<?> r = renewal;
            if (r != null) {
                r.cancel(false);
            }
        }
    }
}
