package io.threebot.deployer.testkit;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.chat.AesGcmSecretSealer;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.store.InMemoryStateStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Everything a host needs to test its integration in a few lines, through public API: the simulated grid (with
 * {@link SimulatedGrid#failures()} to script faults), the operator's wallet, a ledger where simulated users pay,
 * DNS and reachability, an in-memory store, and deployers built on them with fast timings.
 *
 * <pre>{@code
 * SimulatedWorld world = SimulatedWorld.builder().build();
 * try (ThreebotDeployer deployer = world.start()) {
 *     OwnerDeployer alice = deployer.forOwner("alice");
 *     ... drive alice.startChat(Flow.DEPLOY) as your web page would ...
 *     world.grid().failures().failNextWorkloads(WorkloadType.CONTAINER, 3);   // and see what your users see
 * }
 * }</pre>
 */
public final class SimulatedWorld {
    private final Clock clock;
    private final SimulatedGrid grid;
    private final SimulatedPayments payments;
    private final SimulatedLedger ledger;
    private final SimulatedReachability reachability;
    private final SimulatedDns dns;
    private final StateStore store;
    private final AesGcmSecretSealer sealer = AesGcmSecretSealer.ephemeral();
    private final IdentityKeys deployerKeys = IdentityKeys.generate(new SecureRandom());

    private SimulatedWorld(Builder b) {
        this.clock = b.clock;
        this.grid = SimulatedGrid.withSampleTopology(clock, b.workloadDelay);
        this.payments = new SimulatedPayments(grid, 10_000_000_000_000L);
        this.ledger = new SimulatedLedger(clock);
        if (b.usersPay) {
            ledger.payRequestsAfter(Duration.ZERO);
        }
        this.reachability = new SimulatedReachability(grid, b.bootTime);
        this.dns = new SimulatedDns(grid);
        this.store = b.store;
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * Settings for tests: fast polls, cheap password hashing (never use them in production), short timeouts.
     */
    public static DeployerSettings.Builder fastSettings() {
        return DeployerSettings.builder()
                .pollInterval(Duration.ofMillis(10))
                .retryPause(Duration.ofMillis(1))
                .storeOutagePause(Duration.ofMillis(20))
                .readinessTimeout(Duration.ofSeconds(3))
                .readinessRequestTimeout(Duration.ofMillis(200))
                .workloadTimeout(Duration.ofSeconds(5))
                .poolPaymentTimeout(Duration.ofSeconds(5))
                .passwordHashIterations(1_000)
                .keyDerivation(KeyDerivation.hardened(1_000))
                .workerThreads(4);
    }

    /** A deployer builder wired to this world; add parts of your own before {@code build()}. */
    public ThreebotDeployer.Builder deployerBuilder(DeployerSettings settings) {
        return ThreebotDeployer.builder().settings(settings).grid(grid).payments(payments).userPayments(ledger)
                .domains(dns).reachability(reachability).store(store).secretSealer(sealer)
                .deployerKeys(deployerKeys).clock(clock);
    }

    /** A started deployer on this world with {@link #fastSettings()}. */
    public ThreebotDeployer start() {
        return deployerBuilder(fastSettings().build()).build().start();
    }

    public SimulatedGrid grid() {
        return grid;
    }

    /** The operator's wallet, which pays the grid. */
    public SimulatedPayments payments() {
        return payments;
    }

    /** Where users pay; {@link SimulatedLedger#pay} pays a request by hand. */
    public SimulatedLedger ledger() {
        return ledger;
    }

    public SimulatedReachability reachability() {
        return reachability;
    }

    public SimulatedDns dns() {
        return dns;
    }

    public StateStore store() {
        return store;
    }

    public Clock clock() {
        return clock;
    }

    /** Configures a {@link SimulatedWorld}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private Duration workloadDelay = Duration.ofMillis(20);
        private Duration bootTime = Duration.ZERO;
        private boolean usersPay = true;
        private StateStore store = new InMemoryStateStore();

        private Builder() {
        }

        /** The world's clock; a {@link SimulatedClock} lets a test move time by hand. */
        public Builder clock(Clock value) {
            this.clock = Objects.requireNonNull(value);
            return this;
        }

        /** How long workloads take to deploy on the grid; {@link Duration#ZERO} for instant ones. */
        public Builder workloadDelay(Duration value) {
            this.workloadDelay = Objects.requireNonNull(value);
            return this;
        }

        /** How long a started 3Bot takes to answer over HTTPS. */
        public Builder bootTime(Duration value) {
            this.bootTime = Objects.requireNonNull(value);
            return this;
        }

        /** Whether a simulated user pays every payment request at once (default), or nobody pays by themselves. */
        public Builder usersPay(boolean value) {
            this.usersPay = value;
            return this;
        }

        /** The store deployers keep their state in; in memory by default. */
        public Builder store(StateStore value) {
            this.store = Objects.requireNonNull(value);
            return this;
        }

        public SimulatedWorld build() {
            return new SimulatedWorld(this);
        }
    }
}
