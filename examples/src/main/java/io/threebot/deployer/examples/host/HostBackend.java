package io.threebot.deployer.examples.host;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.examples.ConnectionPools;
import io.threebot.deployer.examples.LocalV3Hosting;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.files.KeyFiles;
import io.threebot.deployer.login.ConnectLogin;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.examples.StellarDemo;
import io.threebot.deployer.stellar.StellarUserPayments;
import io.threebot.deployer.store.FileStateStore;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.store.JdbcStateStore;
import io.threebot.deployer.testkit.SimulatedConnectService;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the host app deploys on and keeps its state in: an embedded simulated grid, a grid server or a local TFGrid
 * v3 (embedded, or a V3GridServer), and files of its own or a PostgreSQL database shared with other instances
 * (through a HikariCP pool).
 */
final class HostBackend implements AutoCloseable {
    private final ThreebotDeployer.Builder builder;
    private final String description;
    private final List<AutoCloseable> resources;
    private final HostOptions options;
    private final StateStore sessions;
    private final Path keys;
    private final PageSettings page;

    private HostBackend(ThreebotDeployer.Builder builder, String description, List<AutoCloseable> resources,
                        HostOptions options, StateStore sessions, Path keys, PageSettings page) {
        this.page = page;
        this.builder = builder;
        this.description = description;
        this.resources = resources;
        this.options = options;
        this.sessions = sessions;
        this.keys = keys;
    }

    /**
     * Opens what the options name.
     *
     * @throws io.threebot.deployer.errors.DeployerException when the v3 grid's operator key in the environment is
     *     unusable or the grid cannot be reached
     */
    static HostBackend open(HostOptions options) throws Exception {
        List<AutoCloseable> resources = new ArrayList<>();
        List<String> said = new ArrayList<>();
        ThreebotDeployer.Builder builder;
        Optional<DemoWallet> demoWallet;
        if (options.grid().isPresent()) {
            RemoteSimulation grid = RemoteSimulation.connect(options.grid().get());
            resources.add(grid);
            builder = grid.deployer();
            demoWallet = Optional.of(DemoWallet.on(grid));
            said.add("grid server " + grid.root() + "; users pay with the page's demo wallet");
        } else if (options.tfgrid().isPresent()) {
            LocalV3Hosting v3 = LocalV3Hosting.open(options.tfgrid().get(), Optional.empty(), System.getenv());
            resources.add(v3);
            SimulatedLedger wallet = new SimulatedLedger(Clock.systemUTC());
            builder = ThreebotDeployer.builder().hosting(v3.hosting()).reachability(v3.reachability())
                    .userPayments(wallet);
            demoWallet = Optional.of(DemoWallet.on(wallet));
            said.add(v3.describe() + "; users pay with the page's demo wallet");
        } else {
            builder = ThreebotDeployer.builder()
                    .simulation(SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(200)),
                            Duration.ofSeconds(1));
            if (!options.stellarWallet()) {
                // on the embedded grid the user pays with a simulated wallet, when they press the page's button
                SimulatedLedger wallet = new SimulatedLedger(Clock.systemUTC());
                builder = builder.userPayments(wallet);
                demoWallet = Optional.of(DemoWallet.on(wallet));
                said.add("embedded simulated grid; users pay with the page's demo wallet");
            } else {
                demoWallet = Optional.empty(); // users pay on Stellar: no simulated wallet to press
                said.add("embedded simulated grid");
            }
        }
        StateStore sessions;
        StateStore store;
        Path keys;
        if (options.jdbc().isPresent()) {
            HikariDataSource pool = ConnectionPools.open(options.jdbc().get(), "threebot-deployer", 16);
            resources.add(pool);
            keys = Files.createDirectories(options.keys().orElseThrow());
            JdbcStateStore jdbc = JdbcStateStore.open(pool);
            store = jdbc;
            builder = builder.store(jdbc).dataDirectory(keys);
            sessions = jdbc; // browser sessions are shared by the instances too
            said.add("state in PostgreSQL, keys in " + keys);
        } else {
            keys = Files.createTempDirectory("threebot-host-");
            store = null;
            if (options.stellarWallet()) {
                FileStateStore files = new FileStateStore(keys);
                resources.add(files);
                store = files;
                builder = builder.store(files);
            }
            builder = builder.dataDirectory(keys);
            sessions = new InMemoryStateStore();
            said.add("state in " + keys);
        }
        if (options.stellarWallet()) {
            // users pay TFT on Stellar; the wallet keeps its cursor and refund journal in the deployer's store
            StellarDemo stellar = StellarDemo.start(options.stellar(), System.getenv());
            resources.add(stellar);
            StellarUserPayments wallet = stellar.userPayments(store);
            resources.add(wallet);
            builder = builder.userPayments(stellar.userPays() ? stellar.autoPaying(wallet, Duration.ofSeconds(3))
                    : wallet);
            said.add(stellar.describe() + (stellar.userPays() ? "; a demo user pays each request 3 s after it is made"
                    : ""));
        }
        String terms = options.terms().isPresent() ? Files.readString(options.terms().get())
                : PageSettings.DEFAULT_TERMS;
        return new HostBackend(builder, String.join("; ", said), resources, options, sessions, keys,
                new PageSettings(terms, demoWallet));
    }

    /**
     * The login of a host served at {@code baseUrl}: ThreeFold Connect at {@code --login}, or a simulated service on
     * loopback whose page asks which user to log in as.
     */
    WebLogin login(String baseUrl) {
        URI service = options.login().orElseGet(() -> {
            SimulatedConnectService simulated = SimulatedConnectService.start();
            resources.add(simulated);
            return simulated.url();
        });
        IdentityKeys appKeys = IdentityKeys.fromSeed(KeyFiles.readOrCreate(keys.resolve("login-app.key"), 32));
        ConnectLogin connect = ConnectLogin.builder(service, URI.create(baseUrl).getHost(),
                URI.create(baseUrl + "/auth/callback"), appKeys).build();
        return new WebLogin(connect, new WebSessions(sessions, Clock.systemUTC()), baseUrl.startsWith("https:"));
    }

    ThreebotDeployer.Builder builder() {
        return builder;
    }

    /** The terms the page shows and the demo wallet of the simulated ledger. */
    PageSettings page() {
        return page;
    }

    String describe() {
        return description;
    }

    @Override
    public void close() throws Exception {
        for (int i = resources.size() - 1; i >= 0; i--) {
            resources.get(i).close();
        }
    }
}
