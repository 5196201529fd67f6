package io.threebot.deployer;

import io.threebot.deployer.backup.Backups;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.backup.BackupService;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.AesGcmSecretSealer;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.files.KeyFiles;
import io.threebot.deployer.internal.deploy.JournalSweep;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.grid.WorkloadWatcher;
import io.threebot.deployer.internal.lifecycle.ExpiryWatch;
import io.threebot.deployer.internal.lifecycle.RenewalOutcome;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.internal.assembly.DeployerAssembly;
import io.threebot.deployer.internal.assembly.DeployerParts;
import io.threebot.deployer.internal.support.DeployerExecutors;
import io.threebot.deployer.internal.support.TemporaryDirectory;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.DomainChecker;
import io.threebot.deployer.spi.ExpiryListener;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.LogStreams;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.store.FileStateStore;
import io.threebot.deployer.support.HttpReachabilityProbe;
import io.threebot.deployer.support.InMemoryBackupServers;
import io.threebot.deployer.support.JdkDnsChecker;
import io.threebot.deployer.support.NoLogStreams;
import io.threebot.deployer.terms.TermsService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The entry point for host applications: lets their users deploy 3Bots through a guided chat and see them
 * afterwards.
 *
 * <pre>{@code
 * try (ThreebotDeployer deployer = ThreebotDeployer.simulated().build().start()) {
 *     OwnerDeployer alice = deployer.forOwner("alice.3bot");   // the host's logged-in user
 *     ChatMessage first = alice.startChat(Flow.DEPLOY);
 *     ChatMessage next = alice.answer(first.sessionId(), "mybot", first.sequence());
 *     ...
 * }
 * }</pre>
 *
 * <p>A deployer runs on the grid it is given ({@link Builder#grid}), or on the embedded simulation when built from
 * {@link #simulated()}; without either, building fails. It keeps its state under its data directory (default
 * {@code ~/.threebot-deployer}, or a temporary directory deleted on close on a simulated grid). No thread runs before
 * {@link #start()}, which resumes the sessions that were running a long step when a deployer stopped; every user's
 * call goes through {@link #forOwner(String)}.
 */
public final class ThreebotDeployer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ThreebotDeployer.class);
    private static final Pattern OWNER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");
    /** How long a container of {@link #simulated()} takes to answer once it is up. */
    private static final Duration SAMPLE_BOOT_TIME = Duration.ofSeconds(1);
    /** How long the sample grid of {@link #simulated()} takes to report a workload. */
    private static final Duration SAMPLE_WORKLOAD_DELAY = Duration.ofMillis(200);
    /** What the simulated operator wallet holds. */
    private static final long SIMULATED_OPERATOR_STROOPS = 10_000_000_000_000L;

    private final DeployerSettings settings;
    private final ChatEngine chats;
    private final ThreebotRepository threebots;
    private final WorkloadWatcher watcher;
    /** How long {@link #close()} waits for the deployer's threads to end once told to stop. */
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);
    private final DeployerExecutors executors;
    private final ThreebotService lifecycle;
    private final ExpiryWatch expiryWatch;
    private final DeploymentEvents events;
    private final Clock clock;
    private final TermsService terms;
    private final BackupService backupService;
    private int resumedSessions;
    /** What the deployer made for itself (its file store, its temporary directory), closed last in this order. */
    private final List<AutoCloseable> owned;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** True from the end of {@link #start()}; work is refused before. */
    private volatile boolean running;
    private final UserBilling billing;
    private final Leases leases;
    private final JournalSweep journals;

    private ThreebotDeployer(DeployerParts parts) {
        DeployerAssembly a = DeployerAssembly.assemble(parts);
        this.settings = a.settings();
        this.owned = parts.owned();
        this.executors = a.executors();
        this.watcher = a.watcher();
        this.threebots = a.threebots();
        this.leases = a.leases();
        this.billing = a.billing();
        this.backupService = a.backups();
        this.terms = a.terms();
        this.journals = a.journals();
        this.lifecycle = a.lifecycle();
        this.expiryWatch = a.expiry();
        this.events = a.events();
        this.clock = a.clock();
        this.chats = a.chats();
    }

    /**
     * Starts the background work: resumes the sessions that were running a long step when the last deployer on this
     * store stopped (their steps are journaled, so nothing is done twice), and starts the sweeps that match
     * payments, send pending refunds, and remove idle chat sessions and deployment journals past their retention.
     * Call it once after {@link Builder#build()}, before anything else: no thread of the deployer runs before.
     * Calling it again does nothing.
     *
     * @return this deployer
     * @throws IllegalStateException when the deployer was closed
     */
    public ThreebotDeployer start() {
        if (closed.get()) {
            throw new IllegalStateException("this deployer was closed; build a new one");
        }
        if (!started.compareAndSet(false, true)) {
            return this;
        }
        ScheduledExecutorService sweeper = executors.sweeper();
        resumedSessions = chats.resumeInterrupted();
        long sweepMillis = settings.billing().sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepPayments, 0, sweepMillis, TimeUnit.MILLISECONDS);
        long sessionSweepMillis = Math.min(settings.sessionIdleTimeout().toMillis() / 4, Duration.ofMinutes(10)
                .toMillis());
        sweeper.scheduleWithFixedDelay(this::sweepSessions, sessionSweepMillis, sessionSweepMillis,
                TimeUnit.MILLISECONDS);
        long expiryMillis = settings.expiryCheckInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepExpiry, expiryMillis, expiryMillis, TimeUnit.MILLISECONDS);
        long takeOverMillis = Math.max(50, settings.leaseDuration().toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::takeOverStoppedWork, takeOverMillis, takeOverMillis,
                TimeUnit.MILLISECONDS);
        running = true;
        return this;
    }

    /**
     * Refuses work before {@link #start()} (its threads would start before it) and after {@link #close()}.
     *
     * @throws IllegalStateException when the deployer is not running
     */
    private void requireRunning() {
        if (!running || closed.get()) {
            throw new IllegalStateException(closed.get() ? "this deployer was closed"
                    : "start() the deployer before using it");
        }
    }

    /**
     * Resumes long steps whose runner stopped renewing its lease (another instance died) or could not record their
     * end (the store failed), and takes up paid operations whose runner stopped; runs on the sweeper, never throws.
     */
    private void takeOverStoppedWork() {
        try {
            int resumed = chats.resumeInterrupted();
            if (resumed > 0) {
                LOG.info("Took over {} chat sessions whose long step had stopped", resumed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for stopped long steps failed; it runs again later", e);
        }
        try {
            // a paid operation whose runner stopped is taken up once its lease could have run out
            int ended = lifecycle.resumeStrandedOperations(settings.leaseDuration());
            if (ended > 0) {
                LOG.info("Ended {} paid operations whose runner had stopped", ended);
            }
        } catch (RuntimeException e) {
            LOG.warn("Taking up stranded paid operations failed; it runs again later", e);
        }
    }

    /** This instance's name in the leases it holds (see {@link Builder#instanceId(String)}). */
    public String instanceId() {
        return leases.instanceId();
    }

    /**
     * A builder on the embedded simulated grid (a sample topology of five farms on three continents, made by
     * {@link Builder#build()} on the builder's clock), with its operator wallet, user ledger, DNS and reachability:
     * for demos, tests and trying the library out. Unless given a data directory or a store, the deployer keeps its
     * state in a temporary directory of its own, deleted when it closes.
     */
    public static Builder simulated() {
        return new Builder().with(b -> b.simulation = new Simulation(Optional.empty(), SAMPLE_BOOT_TIME));
    }

    /** A builder for a deployer on a grid still to be named ({@link Builder#grid} or {@link Builder#simulation}). */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Everything one authenticated owner may do (chats, 3Bots, payments), bound to that owner: the way a host
     * serves a request.
     *
     * @param principal the host's authenticated user name, e.g. {@code alice.3bot}; never take it from the client
     * @throws IllegalArgumentException when it is not a valid user name
     */
    public OwnerDeployer forOwner(String principal) {
        requireRunning();
        return new OwnerDeployer(owner(principal), chats, lifecycle, billing);
    }

    /**
     * Hears every message of every owner's chats, progress included (to push it to browsers, or log it); called
     * from several threads, never while a session is being changed, and it should return quickly. One that throws
     * is logged and passed over.
     */
    public void addChatListener(Consumer<ChatMessage> listener) {
        chats.addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** The flows this deployer runs, by id, for the tests of this package. */
    java.util.List<String> flowIds() {
        return chats.flowIds();
    }

    /**
     * The owner's 3Bots as stored, oldest first, password hashes included: for the tests of the core, never for a
     * host, which lists {@link OwnerDeployer#threebots() views}.
     */
    List<Threebot> storedThreebots(String principal) {
        return threebots.listByOwner(owner(principal));
    }

    /**
     * Operations on deployed 3Bots: list with live state, stop, destroy, start, restart, change size or location,
     * extend. Its methods take the owner name, {@link #owner(String)} of the authenticated principal.
     */
    ThreebotService lifecycle() {
        return lifecycle;
    }

    /**
     * The backup service 3Bots call to get their backup accounts: {@link BackupService#publicKey()} and
     * {@link BackupService#init}. A host app serves both to its 3Bots without a login.
     */
    public Backups backups() {
        return backupService;
    }

    /** How many chats, of all users, are open now (not ended and not idle past the timeout): for a gauge. */
    public long openChats() {
        return chats.openSessions();
    }

    /** Terms acceptance per owner on the deployer's grid network. */
    public TermsService terms() {
        return terms;
    }

    public DeployerSettings settings() {
        return settings;
    }

    /** How many interrupted sessions {@link #start()} resumed. */
    public int resumedSessions() {
        return resumedSessions;
    }

    /**
     * The owner name of a principal: lower case, without the {@code .3bot} suffix.
     *
     * @throws IllegalArgumentException when it is not a valid user name
     */
    public static String owner(String principal) {
        Objects.requireNonNull(principal, "principal");
        String name = principal.trim().toLowerCase(Locale.ROOT);
        if (name.endsWith(".3bot")) {
            name = name.substring(0, name.length() - ".3bot".length());
        }
        if (!OWNER.matcher(name).matches()) {
            throw new IllegalArgumentException("not a valid user name: '" + principal + "'");
        }
        return name;
    }

    /**
     * Stops the background work, interrupts running long steps and waits (a few seconds at most) until every thread
     * the deployer made has ended, then closes the store the deployer made; running long steps resume when a
     * deployer on the same store starts. A host's own flow executor is left running.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        // everything is interrupted at once, so no step or branch goes on sending while another is waited for
        chats.close();
        executors.stop();
        watcher.close();
        executors.awaitStopped(CLOSE_WAIT);
        leases.close();
        closeAll(owned);
    }

    /** Closes each of the parts in order; one that fails is logged and the others still closed. */
    private static void closeAll(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.warn("Could not close {}", part, e);
            }
        }
    }

    /** Matches open payment requests and sends pending refunds; runs on the sweeper, never throws. */
    private void sweepPayments() {
        try {
            billing.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The payment sweep failed; it runs again in {}", settings.billing().sweepInterval(), e);
        }
        completeRenewals();
    }

    /** Checks every 3Bot's pool for expiry; runs on the sweeper, never throws. */
    private void sweepExpiry() {
        try {
            checkExpiry();
        } catch (RuntimeException e) {
            LOG.warn("The expiry check failed; it runs again in {}", settings.expiryCheckInterval(), e);
        }
    }

    /**
     * Checks every 3Bot's pool now (the deployer also does every {@code expiryCheckInterval}) and tells, once per
     * pool and expiry, the events and {@linkplain Builder#expiryListener expiry listeners} about pools running dry
     * within {@code expiryWarning} and pools that ran dry.
     *
     * @return the notices told by this check
     */
    public List<ExpiryNotice> checkExpiry() {
        List<ExpiryNotice> told = expiryWatch.check();
        completeRenewals();
        return told;
    }

    /** Extends the pools whose auto-renewal was paid and tells the events; runs with every payment sweep too. */
    private void completeRenewals() {
        try {
            for (RenewalOutcome outcome : lifecycle.completeRenewals()) {
                Threebot t = outcome.threebot();
                events.publish(new DeploymentEvent(t.uuid(), t.owner(), t.name(), outcome.renewed()
                        ? DeploymentEvent.Kind.RENEWED : DeploymentEvent.Kind.RENEWAL_FAILED, "renewal",
                        outcome.message(), clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Paid renewals could not be completed now; they are tried again", e);
        }
    }

    /**
     * Removes ended and long-idle chat sessions, and deployment journals of no more use past their retention; runs
     * on the sweeper, never throws.
     */
    private void sweepSessions() {
        try {
            chats.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The chat session sweep failed; it runs again later", e);
        }
        try {
            journals.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The deployment journal sweep failed; it runs again later", e);
        }
    }

    /** The simulated grid a builder runs on: the one given, or the sample topology made at build time. */
    private record Simulation(Optional<SimulatedGrid> grid, Duration bootTime) {
    }

    /**
     * Configures a {@link ThreebotDeployer}. A builder never changes: each method returns a new builder with one
     * more part set, so one builder may be the base of several deployers, and {@link #build()} leaves it as it was.
     * The order of the calls does not matter: every default (the simulation's ledger, DNS and reachability, the
     * sample grid of {@link ThreebotDeployer#simulated()}) is made by {@link #build()} from the parts set by then,
     * on the builder's clock, and a part set explicitly always wins over a simulation's.
     *
     * <p>The grid must be given ({@link #grid} with {@link #payments} and {@link #userPayments}, or
     * {@link #simulation}); every other part has a default: a file store under {@code ~/.threebot-deployer} (in a
     * temporary directory on a simulated grid) with its sealing key and deployer identity there, no log streams,
     * in-memory backup servers, the system clock and a secure random source.
     */
    public static final class Builder {
        private DeployerSettings settings = DeployerSettings.defaults();
        private GridClient grid;
        private Simulation simulation;
        private Payments payments;
        private UserPayments userPayments;
        private StateStore store;
        private Path dataDirectory;
        private BackupServers backups;
        private LogStreams logs;
        private ReachabilityProbe reachability;
        private DomainChecker domains;
        private SecretSealer sealer;
        private IdentityKeys deployerKeys;
        private DeploymentEvents events = DeploymentEvents.none();
        private List<ExpiryListener> expiryListeners = List.of();
        private Clock clock = Clock.systemUTC();
        private Random random;
        private ExecutorService flowExecutor;
        private String instanceId;

        private Builder() {
        }

        /** A copy of this builder with one change made to the copy alone. */
        private Builder with(Consumer<Builder> change) {
            Builder b = new Builder();
            b.settings = settings;
            b.grid = grid;
            b.simulation = simulation;
            b.payments = payments;
            b.userPayments = userPayments;
            b.store = store;
            b.dataDirectory = dataDirectory;
            b.backups = backups;
            b.logs = logs;
            b.reachability = reachability;
            b.domains = domains;
            b.sealer = sealer;
            b.deployerKeys = deployerKeys;
            b.events = events;
            b.expiryListeners = expiryListeners;
            b.clock = clock;
            b.random = random;
            b.flowExecutor = flowExecutor;
            b.instanceId = instanceId;
            change.accept(b);
            return b;
        }

        public Builder settings(DeployerSettings value) {
            Objects.requireNonNull(value, "settings");
            return with(b -> b.settings = value);
        }

        /**
         * The grid client; with anything but a {@link SimulatedGrid}, also set payments. With a
         * {@link #simulation} too, this is the client that reaches the simulated grid (over HTTP, say), and the
         * simulation still gives payments, ledger, DNS and reachability.
         */
        public Builder grid(GridClient value) {
            Objects.requireNonNull(value, "grid");
            return with(b -> b.grid = value);
        }

        /**
         * Runs on a simulated grid, with the payments, DNS and reachability probe that belong to it, and a
         * {@link SimulatedLedger} where users pay; parts set explicitly ({@link #userPayments} and the others) win,
         * whichever was called first.
         *
         * @param bootTime how long a 3Bot takes to answer once its container is up
         */
        public Builder simulation(SimulatedGrid simulated, Duration bootTime) {
            Objects.requireNonNull(simulated, "simulated");
            if (bootTime == null || bootTime.isNegative()) {
                throw new IllegalArgumentException("bootTime must not be negative");
            }
            return with(b -> b.simulation = new Simulation(Optional.of(simulated), bootTime));
        }

        public Builder payments(Payments value) {
            Objects.requireNonNull(value, "payments");
            return with(b -> b.payments = value);
        }

        /**
         * The operator's receiving wallet, where users pay for what they buy; with a simulated grid a
         * {@link SimulatedLedger} by default. Required with any other grid.
         */
        public Builder userPayments(UserPayments value) {
            Objects.requireNonNull(value, "userPayments");
            return with(b -> b.userPayments = value);
        }

        public Builder store(StateStore value) {
            Objects.requireNonNull(value, "store");
            return with(b -> b.store = value);
        }

        /** Keeps state as files in this directory (and the key that seals secrets in it). */
        public Builder dataDirectory(Path value) {
            Objects.requireNonNull(value, "dataDirectory");
            return with(b -> b.dataDirectory = value);
        }

        public Builder backups(BackupServers value) {
            Objects.requireNonNull(value, "backups");
            return with(b -> b.backups = value);
        }

        public Builder logs(LogStreams value) {
            Objects.requireNonNull(value, "logs");
            return with(b -> b.logs = value);
        }

        /**
         * Where deployments report their progress and failures as they happen (e.g. {@code RedisDeploymentEvents}
         * from {@code deployer-redis-logs}); nowhere by default.
         */
        public Builder events(DeploymentEvents value) {
            Objects.requireNonNull(value, "events");
            return with(b -> b.events = value);
        }

        /**
         * Adds a listener that hears when a 3Bot's pool runs dry within {@code expiryWarning}, and when it ran dry,
         * once per pool and expiry (e.g. to mail the owner); listeners hear in the order they were added.
         */
        public Builder expiryListener(ExpiryListener value) {
            Objects.requireNonNull(value, "expiryListener");
            List<ExpiryListener> more = new ArrayList<>(expiryListeners);
            more.add(value);
            return with(b -> b.expiryListeners = List.copyOf(more));
        }

        public Builder reachability(ReachabilityProbe value) {
            Objects.requireNonNull(value, "reachability");
            return with(b -> b.reachability = value);
        }

        public Builder domains(DomainChecker value) {
            Objects.requireNonNull(value, "domains");
            return with(b -> b.domains = value);
        }

        /** How secret answers are sealed at rest; by default AES-GCM with a key file in the data directory. */
        public Builder secretSealer(SecretSealer value) {
            Objects.requireNonNull(value, "secretSealer");
            return with(b -> b.sealer = value);
        }

        /**
         * The deployer's own identity, whose key 3Bots seal their backup passwords for; by default a seed kept in
         * {@code deployer-identity.key} in the data directory.
         */
        public Builder deployerKeys(IdentityKeys value) {
            Objects.requireNonNull(value, "deployerKeys");
            return with(b -> b.deployerKeys = value);
        }

        /**
         * Runs the chats' long steps on the host's executor (a virtual-thread-per-task executor on Java 21, say)
         * instead of its own pool of up to {@code maxConcurrentSteps} small-stack threads; closing the deployer
         * interrupts its steps but leaves the executor to the host.
         */
        public Builder flowExecutor(ExecutorService value) {
            Objects.requireNonNull(value, "flowExecutor");
            return with(b -> b.flowExecutor = value);
        }

        /**
         * This instance's name among the deployer instances sharing a store, as its leases show it; unique per
         * running instance. By default its process id and a random part.
         */
        public Builder instanceId(String value) {
            if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("an instance id is 1 to 64 letters, digits, '.', '_' or '-'");
            }
            return with(b -> b.instanceId = value);
        }

        /** The clock of the deployer, and of the simulation's grid and ledger when it makes them. */
        public Builder clock(Clock value) {
            Objects.requireNonNull(value, "clock");
            return with(b -> b.clock = value);
        }

        /** The random source; by default a new {@link SecureRandom} for each deployer built. */
        public Builder random(Random value) {
            Objects.requireNonNull(value, "random");
            return with(b -> b.random = value);
        }

        /**
         * Builds the deployer from the parts set by now; the builder is left as it was, so it may build another.
         * No thread runs until {@link ThreebotDeployer#start()}, which then resumes interrupted work and starts the
         * sweeps.
         *
         * @throws IllegalStateException when no grid is set, when a grid other than the simulated one is set
         *                               without payments or user payments, or a store without a data directory
         *                               comes without a secret sealer and deployer keys
         */
        public ThreebotDeployer build() {
            if (grid == null && simulation == null) {
                throw new IllegalStateException("no grid set: give grid(...) with payments(...) and "
                        + "userPayments(...), or build on the embedded simulation with ThreebotDeployer.simulated() "
                        + "or simulation(...)");
            }
            SimulatedGrid simulated = simulation == null ? null : simulation.grid().orElseGet(() ->
                    SimulatedGrid.withSampleTopology(clock, SAMPLE_WORKLOAD_DELAY));
            if (payments == null && simulated == null) {
                throw new IllegalStateException("a grid other than the simulated one needs payments(...) set");
            }
            if (userPayments == null && simulated == null) {
                throw new IllegalStateException("a grid other than the simulated one needs userPayments(...) set: "
                        + "the wallet where users pay for their 3Bots");
            }
            if (store != null && dataDirectory == null && (sealer == null || deployerKeys == null)) {
                throw new IllegalStateException("a store(...) without a dataDirectory(...) needs secretSealer(...) "
                        + "and deployerKeys(...): secrets sealed at rest, and the key 3Bots seal their backup "
                        + "passwords for, must be the same after a restart");
            }
            List<AutoCloseable> owned = new ArrayList<>();
            try {
                Path dir = dataDirectory;
                TemporaryDirectory temporary = null;
                if (dir == null && store == null) {
                    if (simulated != null) {
                        temporary = TemporaryDirectory.create("threebot-deployer-");
                        dir = temporary.path();
                    } else {
                        dir = Path.of(System.getProperty("user.home"), ".threebot-deployer");
                    }
                }
                StateStore state = store;
                if (state == null) {
                    FileStateStore files = new FileStateStore(dir);
                    state = files;
                    owned.add(files);
                }
                if (temporary != null) {
                    owned.add(temporary); // after the store, which is closed first
                }
                DeployerParts parts = new DeployerParts(settings,
                        grid != null ? grid : simulated,
                        payments != null ? payments : new SimulatedPayments(simulated, SIMULATED_OPERATOR_STROOPS),
                        userPayments != null ? userPayments : new SimulatedLedger(clock),
                        state,
                        backups != null ? backups
                                : new InMemoryBackupServers(List.of("backup1.local", "backup2.local")),
                        logs != null ? logs : new NoLogStreams(),
                        reachability != null ? reachability : simulated != null
                                ? new SimulatedReachability(simulated, simulation.bootTime())
                                : new HttpReachabilityProbe(!settings.testCert()),
                        domains != null ? domains : simulated != null ? new SimulatedDns(simulated)
                                : new JdkDnsChecker(),
                        sealer != null ? sealer : AesGcmSecretSealer.withKeyFile(dir.resolve("secret.key")),
                        deployerKeys != null ? deployerKeys
                                : IdentityKeys.fromSeed(KeyFiles.readOrCreate(dir.resolve("deployer-identity.key"),
                                32)),
                        events, expiryListeners, clock, random != null ? random : new SecureRandom(),
                        Optional.ofNullable(flowExecutor), Optional.ofNullable(instanceId), owned);
                return new ThreebotDeployer(parts);
            } catch (RuntimeException | Error e) {
                closeAll(owned);
                throw e;
            }
        }
    }
}
