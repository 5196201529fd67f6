package io.threebot.deployer.examples.host;

import com.zaxxer.hikari.HikariDataSource;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.examples.ConnectionPools;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.files.KeyFiles;
import io.threebot.deployer.login.ConnectLogin;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.StateStore;
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

/**
 * What the host app deploys on and keeps its state in: an embedded simulated grid or a grid server, and files of
 * its own or a PostgreSQL database shared with other instances (through a HikariCP pool).
 */
final class HostBackend implements AutoCloseable {
    private final ThreebotDeployer.Builder builder;
    private final String description;
    private final List<AutoCloseable> resources;
    private final HostOptions options;
    private final StateStore sessions;
    private final Path keys;

    private HostBackend(ThreebotDeployer.Builder builder, String description, List<AutoCloseable> resources,
                        HostOptions options, StateStore sessions, Path keys) {
        this.builder = builder;
        this.description = description;
        this.resources = resources;
        this.options = options;
        this.sessions = sessions;
        this.keys = keys;
    }

    static HostBackend open(HostOptions options) throws IOException {
        List<AutoCloseable> resources = new ArrayList<>();
        List<String> said = new ArrayList<>();
        ThreebotDeployer.Builder builder;
        if (options.grid().isPresent()) {
            RemoteSimulation grid = RemoteSimulation.connect(options.grid().get());
            resources.add(grid);
            builder = grid.deployer();
            said.add("grid server " + grid.root());
        } else {
            // on the embedded grid a simulated user wallet pays each payment request a few seconds after it is made
            SimulatedLedger wallet = new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ofSeconds(3));
            builder = ThreebotDeployer.builder()
                    .simulation(SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(200)),
                            Duration.ofSeconds(1))
                    .userPayments(wallet);
            said.add("embedded simulated grid; a simulated wallet pays each payment request 3 s after it is made");
        }
        StateStore sessions;
        Path keys;
        if (options.jdbc().isPresent()) {
            HikariDataSource pool = ConnectionPools.open(options.jdbc().get(), "threebot-deployer", 16);
            resources.add(pool);
            keys = Files.createDirectories(options.keys().orElseThrow());
            JdbcStateStore store = JdbcStateStore.open(pool);
            builder = builder.store(store).dataDirectory(keys);
            sessions = store; // browser sessions are shared by the instances too
            said.add("state in PostgreSQL, keys in " + keys);
        } else {
            keys = Files.createTempDirectory("threebot-host-");
            builder = builder.dataDirectory(keys);
            sessions = new InMemoryStateStore();
            said.add("state in " + keys);
        }
        return new HostBackend(builder, String.join("; ", said), resources, options, sessions, keys);
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
