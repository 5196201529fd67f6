package io.threebot.deployer;

import io.threebot.deployer.backup.Backups;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.assembly.DeployerAssembly;
import io.threebot.deployer.internal.assembly.DeployerChoices;
import io.threebot.deployer.internal.backup.BackupService;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.DomainChecker;
import io.threebot.deployer.spi.ExpiryListener;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.LogStreams;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.terms.TermsService;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.function.Consumer;
import java.util.regex.Pattern;

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
    private static final Pattern OWNER = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

    /** The deployer's services, wired from its parts, and its background work. */
    private final DeployerAssembly assembly;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    /** True from the end of {@link #start()}; work is refused before. */
    private volatile boolean running;
    private int resumedSessions;

    private ThreebotDeployer(DeployerAssembly assembly) {
        this.assembly = assembly;
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
        resumedSessions = assembly.background().start();
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

    /** This instance's name in the leases it holds (see {@link Builder#instanceId(String)}). */
    public String instanceId() {
        return assembly.leases().instanceId();
    }

    /**
     * A builder on the embedded simulated grid (a sample topology of five farms on three continents, made by
     * {@link Builder#build()} on the builder's clock), with its operator wallet, user ledger, DNS and reachability:
     * for demos, tests and trying the library out. Unless given a data directory or a store, the deployer keeps its
     * state in a temporary directory of its own, deleted when it closes.
     */
    public static Builder simulated() {
        return new Builder().with(DeployerChoices::sampleSimulation);
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
        return new OwnerDeployer(owner(principal), assembly.chats(), assembly.lifecycle(), assembly.billing());
    }

    /**
     * Hears every message of every owner's chats, progress included (to push it to browsers, or log it); called
     * from several threads, never while a session is being changed, and it should return quickly. One that throws
     * is logged and passed over.
     */
    public void addChatListener(Consumer<ChatMessage> listener) {
        assembly.chats().addListener(Objects.requireNonNull(listener, "listener"));
    }

    /** The flows this deployer runs, by id, for the tests of this package. */
    java.util.List<String> flowIds() {
        return assembly.chats().flowIds();
    }

    /**
     * The owner's 3Bots as stored, oldest first, password hashes included: for the tests of the core, never for a
     * host, which lists {@link OwnerDeployer#threebots() views}.
     */
    List<Threebot> storedThreebots(String principal) {
        return assembly.threebots().listByOwner(owner(principal));
    }

    /** How many chats' long steps wait for their next run without a thread: for the tests of the core. */
    int pausedSteps() {
        return assembly.chats().pausedSteps();
    }

    /**
     * Operations on deployed 3Bots: list with live state, stop, destroy, start, restart, change size or location,
     * extend. Its methods take the owner name, {@link #owner(String)} of the authenticated principal.
     */
    ThreebotService lifecycle() {
        return assembly.lifecycle();
    }

    /**
     * The backup service 3Bots call to get their backup accounts: {@link BackupService#publicKey()} and
     * {@link BackupService#init}. A host app serves both to its 3Bots without a login.
     */
    public Backups backups() {
        return assembly.backups();
    }

    /** How many chats, of all users, are open now (not ended and not idle past the timeout): for a gauge. */
    public long openChats() {
        return assembly.chats().openSessions();
    }

    /** Terms acceptance per owner on the deployer's grid network. */
    public TermsService terms() {
        return assembly.terms();
    }

    public DeployerSettings settings() {
        return assembly.settings();
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
        assembly.close();
    }

    /**
     * Checks every 3Bot's pool now (the deployer also does every {@code expiryCheckInterval}) and tells, once per
     * pool and expiry, the events and {@linkplain Builder#expiryListener expiry listeners} about pools running dry
     * within {@code expiryWarning} and pools that ran dry.
     *
     * @return the notices told by this check
     */
    public List<ExpiryNotice> checkExpiry() {
        return assembly.background().checkExpiry();
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
        /** The parts chosen by now; a change is made on a copy, which the builder it returns keeps. */
        private final DeployerChoices choices;

        private Builder() {
            this(new DeployerChoices());
        }

        private Builder(DeployerChoices choices) {
            this.choices = choices;
        }

        /** A copy of this builder with one change made to the copy alone. */
        private Builder with(Consumer<DeployerChoices> change) {
            DeployerChoices copy = choices.copy();
            change.accept(copy);
            return new Builder(copy);
        }

        public Builder settings(DeployerSettings value) {
            Objects.requireNonNull(value, "settings");
            return with(c -> c.settings(value));
        }

        /**
         * The grid client; with anything but a {@link SimulatedGrid}, also set payments. With a
         * {@link #simulation} too, this is the client that reaches the simulated grid (over HTTP, say), and the
         * simulation still gives payments, ledger, DNS and reachability.
         */
        public Builder grid(GridClient value) {
            Objects.requireNonNull(value, "grid");
            return with(c -> c.grid(value));
        }

        /**
         * Deploys new 3Bots on a grid that hosts whole 3Bots, each paid from its own account: TFGrid v3, through
         * {@code io.threebot.deployer.tfgrid.hosting.TfgridHosting}. The chat, the payment step and "My 3Bots" stay
         * the same; users pay into {@link #userPayments} and the operator's account on that grid funds each 3Bot's
         * account with what its user paid for its capacity. Alone (without {@link #grid} or a simulation) the
         * deployer has no explorer grid; set {@link #userPayments} and a {@link #reachability} probe that reaches
         * the grid's gateways.
         */
        public Builder hosting(ThreebotHosting value) {
            Objects.requireNonNull(value, "hosting");
            return with(c -> c.hosting(value));
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
            return with(c -> c.simulation(simulated, bootTime));
        }

        public Builder payments(Payments value) {
            Objects.requireNonNull(value, "payments");
            return with(c -> c.payments(value));
        }

        /**
         * The operator's receiving wallet, where users pay for what they buy; with a simulated grid a
         * {@link SimulatedLedger} by default. Required with any other grid.
         */
        public Builder userPayments(UserPayments value) {
            Objects.requireNonNull(value, "userPayments");
            return with(c -> c.userPayments(value));
        }

        public Builder store(StateStore value) {
            Objects.requireNonNull(value, "store");
            return with(c -> c.store(value));
        }

        /** Keeps state as files in this directory (and the key that seals secrets in it). */
        public Builder dataDirectory(Path value) {
            Objects.requireNonNull(value, "dataDirectory");
            return with(c -> c.dataDirectory(value));
        }

        public Builder backups(BackupServers value) {
            Objects.requireNonNull(value, "backups");
            return with(c -> c.backups(value));
        }

        public Builder logs(LogStreams value) {
            Objects.requireNonNull(value, "logs");
            return with(c -> c.logs(value));
        }

        /**
         * Where deployments report their progress and failures as they happen (e.g. {@code RedisDeploymentEvents}
         * from {@code deployer-redis-logs}); nowhere by default.
         */
        public Builder events(DeploymentEvents value) {
            Objects.requireNonNull(value, "events");
            return with(c -> c.events(value));
        }

        /**
         * Adds a listener that hears when a 3Bot's pool runs dry within {@code expiryWarning}, and when it ran dry,
         * once per pool and expiry (e.g. to mail the owner); listeners hear in the order they were added.
         */
        public Builder expiryListener(ExpiryListener value) {
            Objects.requireNonNull(value, "expiryListener");
            return with(c -> c.addExpiryListener(value));
        }

        public Builder reachability(ReachabilityProbe value) {
            Objects.requireNonNull(value, "reachability");
            return with(c -> c.reachability(value));
        }

        public Builder domains(DomainChecker value) {
            Objects.requireNonNull(value, "domains");
            return with(c -> c.domains(value));
        }

        /** How secret answers are sealed at rest; by default AES-GCM with a key file in the data directory. */
        public Builder secretSealer(SecretSealer value) {
            Objects.requireNonNull(value, "secretSealer");
            return with(c -> c.sealer(value));
        }

        /**
         * The deployer's own identity, whose key 3Bots seal their backup passwords for; by default a seed kept in
         * {@code deployer-identity.key} in the data directory.
         */
        public Builder deployerKeys(IdentityKeys value) {
            Objects.requireNonNull(value, "deployerKeys");
            return with(c -> c.deployerKeys(value));
        }

        /**
         * Runs the chats' long steps on the host's executor (a virtual-thread-per-task executor on Java 21, say)
         * instead of its own pool of up to {@code maxConcurrentSteps} small-stack threads; closing the deployer
         * interrupts its steps but leaves the executor to the host.
         */
        public Builder flowExecutor(ExecutorService value) {
            Objects.requireNonNull(value, "flowExecutor");
            return with(c -> c.flowExecutor(value));
        }

        /**
         * This instance's name among the deployer instances sharing a store, as its leases show it; unique per
         * running instance. By default its process id and a random part.
         */
        public Builder instanceId(String value) {
            if (value == null || !value.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new IllegalArgumentException("an instance id is 1 to 64 letters, digits, '.', '_' or '-'");
            }
            return with(c -> c.instanceId(value));
        }

        /** The clock of the deployer, and of the simulation's grid and ledger when it makes them. */
        public Builder clock(Clock value) {
            Objects.requireNonNull(value, "clock");
            return with(c -> c.clock(value));
        }

        /** The random source; by default a new {@link SecureRandom} for each deployer built. */
        public Builder random(Random value) {
            Objects.requireNonNull(value, "random");
            return with(c -> c.random(value));
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
            return new ThreebotDeployer(DeployerAssembly.assemble(choices));
        }
    }
}
