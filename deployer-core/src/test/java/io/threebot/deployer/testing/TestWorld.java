package io.threebot.deployer.testing;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.chat.AesGcmSecretSealer;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.LogStreams;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.support.NoLogStreams;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;

/**
 * A simulated grid with its payments, DNS and reachability, and deployers built on it with fast timings. Shared
 * by the test suites of every module (core's test jar).
 */
public final class TestWorld {
    /** One sealing key and one deployer identity for the in-memory worlds of a test run. */
    private static final AesGcmSecretSealer SEALER = AesGcmSecretSealer.ephemeral();
    private static final IdentityKeys DEPLOYER_KEYS = IdentityKeys.generate(new java.security.SecureRandom());

    public final SimulatedGrid grid;
    public final SimulatedPayments payments;
    /** Where users pay; a simulated user pays every request at once unless a test says otherwise. */
    public final SimulatedLedger ledger;
    public final SimulatedReachability reachability;
    public final SimulatedDns dns;
    public final StateStore store;
    private final Path dataDirectory;

    private TestWorld(SimulatedGrid grid, StateStore store, Path dataDirectory) {
        this.grid = grid;
        this.payments = new SimulatedPayments(grid, 10_000_000_000_000L);
        this.ledger = new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ZERO);
        this.reachability = new SimulatedReachability(grid, Duration.ZERO);
        this.dns = new SimulatedDns(grid);
        this.store = store;
        this.dataDirectory = dataDirectory;
    }

    /** The sample topology, an in-memory store. */
    public static TestWorld sample() {
        return new TestWorld(SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(20)),
                new InMemoryStateStore(), null);
    }

    /** The sample topology, a file store in {@code directory} (so a second deployer can reload it). */
    public static TestWorld sampleWithFiles(Path directory) {
        return new TestWorld(SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(20)),
                new io.threebot.deployer.store.FileStateStore(directory), directory);
    }

    /** The sample topology on a store of the test's (a database, say). */
    public static TestWorld sampleOn(StateStore store) {
        return new TestWorld(SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(20)), store, null);
    }

    /** An empty grid to fill by hand. */
    public static TestWorld empty() {
        return new TestWorld(new SimulatedGrid(Clock.systemUTC(), Duration.ofMillis(20)), new InMemoryStateStore(),
                null);
    }

    /** Settings with fast polls, cheap hashing and no retry pause: {@link SimulatedWorld#fastSettings()}. */
    public static DeployerSettings.Builder fastSettings() {
        return SimulatedWorld.fastSettings();
    }

    public ThreebotDeployer deployer() {
        return deployer(fastSettings().build(), new NoLogStreams());
    }

    public ThreebotDeployer deployer(DeployerSettings settings) {
        return deployer(settings, new NoLogStreams());
    }

    public ThreebotDeployer deployer(DeployerSettings settings, LogStreams logs) {
        return deployerOn(grid, settings, logs);
    }

    /**
     * A deployer that reaches this world's grid through another client (the explorer adapter, say), with this
     * world's payments, DNS and reachability.
     */
    public ThreebotDeployer deployerOn(GridClient client, DeployerSettings settings, LogStreams logs) {
        return builder(settings).grid(client).logs(logs).build().start();
    }

    /**
     * A started deployer instance on {@code shared}, as another process sharing that store would be: its own view
     * of the store (which says it is shared) and its own instance id.
     */
    public ThreebotDeployer instanceOn(StateStore shared, String instanceId, DeployerSettings settings) {
        return builder(settings).store(new CuttableStore(shared, true)).instanceId(instanceId).build().start();
    }

    /** A builder set up for this world, for tests that add parts of their own. */
    public ThreebotDeployer.Builder builder(DeployerSettings settings) {
        ThreebotDeployer.Builder builder = ThreebotDeployer.builder().settings(settings).grid(grid)
                .payments(payments).userPayments(ledger).domains(dns).reachability(reachability).store(store)
                .random(new Random(42));
        return dataDirectory != null ? builder.dataDirectory(dataDirectory)
                : builder.secretSealer(SEALER).deployerKeys(DEPLOYER_KEYS);
    }
}
