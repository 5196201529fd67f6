package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.backup.BackupHttpHandler;
import io.threebot.deployer.metrics.DeployerMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A host application: the deployer behind a JDK {@code HttpServer}, with ThreeFold Connect login, the deploy chat,
 * the owner's 3Bots and the backup service for 3Bots.
 *
 * <p>Users log in with ThreeFold Connect ({@code /auth/login}); the session cookie is {@code HttpOnly} and
 * {@code SameSite=Strict}, every state-changing request carries the session's CSRF token, and the user is always the
 * session's. Without {@code --login URL} the host starts a simulated login service on loopback, whose page asks
 * which user to log in as: for trying it out, never for serving anyone.
 *
 * <p>The host listens on the loopback address {@code 127.0.0.1} unless told otherwise. Request bodies are JSON
 * only: a body sent with another {@code Content-Type} (or none) is refused with 415 before it is read.
 *
 * <p>Run with {@code ./scripts/run-example.sh io.threebot.deployer.examples.host.HostApp [port] [bind-address]
 * [--login URL] [--grid URL | --tfgrid v3|ENDPOINTS] [--jdbc URL --keys DIR]} and open {@code http://127.0.0.1:8080/}.
 */
public final class HostApp implements AutoCloseable {
    /** The port {@link #main} serves on when given none. */
    static final int DEFAULT_PORT = 8080;
    /** The address {@link #main} binds when given none. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;
    private final ScheduledExecutorService sweeper;

    private HostApp(HttpServer server, ExecutorService executor, ScheduledExecutorService sweeper) {
        this.server = server;
        this.executor = executor;
        this.sweeper = sweeper;
    }

    /** Serves the deployer on the address, its users logging in through {@code login}. */
    static HostApp start(ThreebotDeployer deployer, InetSocketAddress address, WebLogin login) {
        return start(deployer, address, null, login);
    }

    /** Serves the deployer, and its meters at {@code GET /metrics} when a registry is given. */
    static HostApp start(ThreebotDeployer deployer, InetSocketAddress address, MeterRegistry metrics,
                         WebLogin login) {
        return start(deployer, address, metrics, login, PageSettings.DEFAULT);
    }

    /** Serves the deployer with what its page shows beside the deployer: the terms, a demo wallet. */
    static HostApp start(ThreebotDeployer deployer, InetSocketAddress address, MeterRegistry metrics,
                         WebLogin login, PageSettings page) {
        try {
            HttpServer server = HttpServer.create(address, 128);
            if (metrics != null) {
                server.createContext("/metrics", new MetricsRoutes(metrics));
            }
            server.createContext("/", new PageRoutes());
            server.createContext("/auth", new AuthRoutes(login));
            server.createContext("/terms", new TermsRoutes(deployer, login, page.termsMarkdown()));
            server.createContext("/chats", new ChatRoutes(deployer, login));
            server.createContext("/threebots", new ThreebotRoutes(deployer, login));
            server.createContext("/payments", new PaymentRoutes(deployer, login, page.demoWallet()));
            // 3Bots call this without a login: they prove who they are by what they seal
            server.createContext("/threebot_deployer/actors/backup", new BackupHttpHandler(deployer.backups()));
            ExecutorService executor = Executors.newFixedThreadPool(16);
            server.setExecutor(executor);
            server.start();
            ScheduledExecutorService sweeper = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "host-session-sweep");
                t.setDaemon(true);
                return t;
            });
            // sessions nobody comes back to are removed once they ran out, so they do not pile up
            sweeper.scheduleWithFixedDelay(() -> {
                try {
                    login.sessions().sweep();
                } catch (RuntimeException e) {
                    // the store is down: the next sweep tries again
                }
            }, 10, 10, TimeUnit.MINUTES);
            return new HostApp(server, executor, sweeper);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serve on " + address, e);
        }
    }

    /** The address the host listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return address().getPort();
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
        server.stop(1);
        executor.shutdownNow();
    }

    /**
     * Serves the deployer: {@code HostApp [port] [bind-address] [--login URL] [--grid URL] [--jdbc URL --keys DIR]},
     * by default on {@code 127.0.0.1:8080}, on an embedded simulated grid, with a simulated login service.
     */
    public static void main(String[] args) throws Exception {
        HostOptions options;
        try {
            options = HostOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(HostOptions.USAGE);
            System.exit(2);
            return;
        }
        InetSocketAddress address = options.address();
        MeterRegistry registry = new SimpleMeterRegistry();
        DeployerMetrics metrics = new DeployerMetrics(registry);
        HostBackend opened;
        try {
            opened = HostBackend.open(options);
        } catch (io.threebot.deployer.errors.DeployerException e) {
            System.err.println("cannot open what the options name: " + e.getMessage());
            System.exit(2);
            return;
        }
        try (HostBackend backend = opened;
             ThreebotDeployer deployer = backend.builder()
                     .settings(DeployerSettings.builder().fromEnvironment(System.getenv()).requireTerms(true).build())
                     .events(metrics).build().start();
             HostApp app = start(deployer, address, registry, backend.login(url(address)), backend.page())) {
            metrics.gauge("threebot.chats.open", deployer::openChats);
            System.out.println("Threebot Deployer host app on " + url(app.address()) + " (" + backend.describe()
                    + "); open " + url(app.address()) + "/ in a browser; stop with Ctrl-C");
            Thread.currentThread().join();
        }
    }

    /**
     * The address {@link #main} binds for its arguments {@code [port] [bind-address]}: by default port
     * {@code 8080} on {@code 127.0.0.1}.
     *
     * @throws IllegalArgumentException when there are more arguments, the port is not one, or the address does
     *     not resolve
     */
    static InetSocketAddress bindAddress(String... args) {
        if (args.length > 2) {
            throw new IllegalArgumentException("too many arguments");
        }
        int port = DEFAULT_PORT;
        if (args.length > 0) {
            try {
                port = Integer.parseInt(args[0]);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("not a port: " + args[0]);
            }
        }
        String host = args.length > 1 ? args[1] : DEFAULT_BIND_ADDRESS;
        InetSocketAddress address = new InetSocketAddress(host, port);
        if (address.isUnresolved()) {
            throw new IllegalArgumentException("cannot resolve the bind address " + host);
        }
        return address;
    }

    private static String url(InetSocketAddress address) {
        InetAddress ip = address.getAddress();
        String host = ip.isAnyLocalAddress() ? "localhost"
                : ip instanceof Inet6Address ? "[" + ip.getHostAddress() + "]" : ip.getHostAddress();
        return "http://" + host + ":" + address.getPort();
    }
}
