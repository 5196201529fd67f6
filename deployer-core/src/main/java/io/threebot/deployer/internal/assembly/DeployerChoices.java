package io.threebot.deployer.internal.assembly;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.files.KeyFiles;
import io.threebot.deployer.internal.chat.AesGcmSecretSealer;
import io.threebot.deployer.internal.support.TemporaryDirectory;
import io.threebot.deployer.sim.SimulatedDns;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.sim.SimulatedPayments;
import io.threebot.deployer.sim.SimulatedReachability;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.DomainChecker;
import io.threebot.deployer.spi.ExpiryListener;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.internal.grid.NoExplorerGrid;
import io.threebot.deployer.internal.grid.NoPoolPayments;
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
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * The parts a host chose for a deployer, one by one, and the defaults that {@link #resolve()} makes for the others:
 * what the public builder keeps. A choice is changed on a {@link #copy()}, so one set of choices may be the base of
 * several deployers. Nothing is made before {@link #resolve()}, which makes every default from the choices made by
 * then, on the chosen clock, so the order of the choices does not matter and a part chosen explicitly always wins
 * over a simulation's.
 */
public final class DeployerChoices {
    /** How long a container of the sample simulation takes to answer once it is up. */
    private static final Duration SAMPLE_BOOT_TIME = Duration.ofSeconds(1);
    /** How long the sample grid takes to report a workload. */
    private static final Duration SAMPLE_WORKLOAD_DELAY = Duration.ofMillis(200);
    /** What the simulated operator wallet holds. */
    private static final long SIMULATED_OPERATOR_STROOPS = 10_000_000_000_000L;

    /** The simulated grid to run on: the one given, or the sample topology made at build time. */
    private record Simulation(Optional<SimulatedGrid> grid, Duration bootTime) {
    }

    private DeployerSettings settings = DeployerSettings.defaults();
    private GridClient grid;
    private ThreebotHosting hosting;
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

    /** No choice made yet: every part takes its default, but the grid, which must be chosen. */
    public DeployerChoices() {
    }

    /** A copy of these choices, to change without changing these. */
    public DeployerChoices copy() {
        DeployerChoices c = new DeployerChoices();
        c.settings = settings;
        c.grid = grid;
        c.hosting = hosting;
        c.simulation = simulation;
        c.payments = payments;
        c.userPayments = userPayments;
        c.store = store;
        c.dataDirectory = dataDirectory;
        c.backups = backups;
        c.logs = logs;
        c.reachability = reachability;
        c.domains = domains;
        c.sealer = sealer;
        c.deployerKeys = deployerKeys;
        c.events = events;
        c.expiryListeners = expiryListeners;
        c.clock = clock;
        c.random = random;
        c.flowExecutor = flowExecutor;
        c.instanceId = instanceId;
        return c;
    }

    /** Chooses the deployer's settings. */
    public void settings(DeployerSettings value) {
        settings = value;
    }

    /** Chooses the grid client. */
    public void grid(GridClient value) {
        grid = value;
    }

    /** Deploys new 3Bots on a grid that hosts whole 3Bots (TFGrid v3). */
    public void hosting(ThreebotHosting value) {
        hosting = value;
    }

    /** Runs on the sample simulated grid, made at build time on the chosen clock. */
    public void sampleSimulation() {
        simulation = new Simulation(Optional.empty(), SAMPLE_BOOT_TIME);
    }

    /** Runs on this simulated grid, whose 3Bots answer {@code bootTime} after their container is up. */
    public void simulation(SimulatedGrid simulated, Duration bootTime) {
        simulation = new Simulation(Optional.of(simulated), bootTime);
    }

    /** Chooses the operator's wallet. */
    public void payments(Payments value) {
        payments = value;
    }

    /** Chooses the operator's receiving wallet. */
    public void userPayments(UserPayments value) {
        userPayments = value;
    }

    /** Chooses the state store. */
    public void store(StateStore value) {
        store = value;
    }

    /** Chooses the data directory. */
    public void dataDirectory(Path value) {
        dataDirectory = value;
    }

    /** Chooses the backup servers. */
    public void backups(BackupServers value) {
        backups = value;
    }

    /** Chooses the log streams. */
    public void logs(LogStreams value) {
        logs = value;
    }

    /** Chooses where deployment events go. */
    public void events(DeploymentEvents value) {
        events = value;
    }

    /** Adds an expiry listener after those added before. */
    public void addExpiryListener(ExpiryListener value) {
        List<ExpiryListener> more = new ArrayList<>(expiryListeners);
        more.add(value);
        expiryListeners = List.copyOf(more);
    }

    /** Chooses the reachability probe. */
    public void reachability(ReachabilityProbe value) {
        reachability = value;
    }

    /** Chooses the DNS check. */
    public void domains(DomainChecker value) {
        domains = value;
    }

    /** Chooses how secrets are sealed at rest. */
    public void sealer(SecretSealer value) {
        sealer = value;
    }

    /** Chooses the deployer's own identity. */
    public void deployerKeys(IdentityKeys value) {
        deployerKeys = value;
    }

    /** Chooses the host's executor for the chats' long steps. */
    public void flowExecutor(ExecutorService value) {
        flowExecutor = value;
    }

    /** Chooses this instance's name. */
    public void instanceId(String value) {
        instanceId = value;
    }

    /** Chooses the clock. */
    public void clock(Clock value) {
        clock = value;
    }

    /** Chooses the random source. */
    public void random(Random value) {
        random = value;
    }

    /**
     * Every part of the deployer: those chosen, and the defaults for the others (on a simulation, its payments,
     * ledger, DNS and reachability; a file store under the data directory, in a temporary directory on a simulated
     * grid, with its sealing key and deployer identity there). What it made is closed again when it fails.
     *
     * @throws IllegalStateException when no grid is chosen, when a grid other than the simulated one comes without
     *                               payments or user payments, or a store without a data directory comes without a
     *                               secret sealer and deployer keys
     */
    public DeployerParts resolve() {
        if (grid == null && simulation == null && hosting == null) {
            throw new IllegalStateException("no grid set: give grid(...) with payments(...) and "
                    + "userPayments(...), or hosting(...) with userPayments(...), or build on the embedded "
                    + "simulation with ThreebotDeployer.simulated() or simulation(...)");
        }
        // a deployer on a hosting grid only has no explorer grid and pays no pools
        GridClient explorer = grid != null || simulation != null ? grid : new NoExplorerGrid(hosting.gridName());
        Payments poolPayments = payments == null && grid == null && simulation == null
                ? new NoPoolPayments(hosting.gridName()) : payments;
        SimulatedGrid simulated = simulation == null ? null : simulation.grid().orElseGet(() ->
                SimulatedGrid.withSampleTopology(clock, SAMPLE_WORKLOAD_DELAY));
        if (poolPayments == null && simulated == null) {
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
            DeployerParts.Grid gridParts = new DeployerParts.Grid(
                    explorer != null ? explorer : simulated,
                    poolPayments != null ? poolPayments
                            : new SimulatedPayments(simulated, SIMULATED_OPERATOR_STROOPS),
                    userPayments != null ? userPayments : new SimulatedLedger(clock),
                    domains != null ? domains : simulated != null ? new SimulatedDns(simulated)
                            : new JdkDnsChecker(),
                    reachability != null ? reachability : simulated != null
                            ? new SimulatedReachability(simulated, simulation.bootTime())
                            : new HttpReachabilityProbe(!settings.testCert()),
                    Optional.ofNullable(hosting));
            DeployerParts.Storage storage = new DeployerParts.Storage(state,
                    sealer != null ? sealer : AesGcmSecretSealer.withKeyFile(dir.resolve("secret.key")),
                    deployerKeys != null ? deployerKeys
                            : IdentityKeys.fromSeed(KeyFiles.readOrCreate(dir.resolve("deployer-identity.key"), 32)),
                    owned);
            DeployerParts.Outputs outputs = new DeployerParts.Outputs(
                    backups != null ? backups : new InMemoryBackupServers(List.of("backup1.local", "backup2.local")),
                    logs != null ? logs : new NoLogStreams(), events, expiryListeners);
            DeployerParts.Runtime runtime = new DeployerParts.Runtime(clock,
                    random != null ? random : new SecureRandom(), Optional.ofNullable(flowExecutor),
                    Optional.ofNullable(instanceId));
            return new DeployerParts(settings, gridParts, storage, outputs, runtime);
        } catch (RuntimeException | Error e) {
            DeployerAssembly.closeAll(owned);
            throw e;
        }
    }
}
