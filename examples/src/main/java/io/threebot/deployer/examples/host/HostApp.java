package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.backup.BackupHttpHandler;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A host application in one class: the deployer behind a JDK {@code HttpServer}, with the deploy chat, the
 * owner's 3Bots and the backup service for 3Bots. A real host puts its own login in front; here the
 * authenticated user is whatever the {@code X-User} header says, which only stands in for that login.
 *
 * <p>Run with {@code ./scripts/run-example.sh io.threebot.deployer.examples.host.HostApp [port]} and try
 * {@code curl -X POST -H 'X-User: alice.3bot' localhost:8080/chats/deploy}.
 */
public final class HostApp implements AutoCloseable {
    /** The header standing for the host's authenticated user. */
    static final String USER_HEADER = "X-User";

    private final HttpServer server;
    private final ExecutorService executor;

    private HostApp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /** Serves the deployer on the address. */
    public static HostApp start(ThreebotDeployer deployer, InetSocketAddress address) {
        try {
            HttpServer server = HttpServer.create(address, 128);
            server.createContext("/chats", new ChatRoutes(deployer));
            server.createContext("/threebots", new ThreebotRoutes(deployer));
            server.createContext("/payments", new PaymentRoutes(deployer));
            server.createContext("/threebot_deployer/actors/backup", new BackupHttpHandler(deployer.backups()));
            ExecutorService executor = Executors.newFixedThreadPool(16);
            server.setExecutor(executor);
            server.start();
            return new HostApp(server, executor);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on " + address, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The authenticated user of a request; the host's login would supply it. */
    static String principal(HttpExchange exchange) {
        String user = exchange.getRequestHeaders().getFirst(USER_HEADER);
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("log in first (this example takes the user from " + USER_HEADER + ")");
        }
        return user;
    }

    @Override
    public void close() {
        server.stop(1);
        executor.shutdownNow();
    }

    public static void main(String[] args) throws Exception {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 8080;
        Path data = Files.createTempDirectory("threebot-host-");
        // on the simulated grid a simulated user wallet pays each payment request a few seconds after it is made
        SimulatedLedger wallet = new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ofSeconds(3));
        try (ThreebotDeployer deployer = ThreebotDeployer.builder().dataDirectory(data)
                .simulation(SimulatedGrid.withSampleTopology(Clock.systemUTC(), Duration.ofMillis(200)),
                        Duration.ofSeconds(1))
                .userPayments(wallet).build();
             HostApp app = start(deployer, new InetSocketAddress(port))) {
            System.out.println("Threebot Deployer host app on http://localhost:" + app.port()
                    + " (embedded simulated grid, state in " + data + "; a simulated wallet pays each payment "
                    + "request 3 s after it is made); stop with Ctrl-C");
            Thread.currentThread().join();
        }
    }
}
