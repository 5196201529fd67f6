package io.threebot.deployer.examples.host;

import com.sun.net.httpserver.HttpExchange;
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

/**
 * A host application in one class: the deployer behind a JDK {@code HttpServer}, with the deploy chat, the
 * owner's 3Bots and the backup service for 3Bots.
 *
 * <p><b>The {@code X-User} header is a stand-in for a login, not a login.</b> This example takes the
 * authenticated user from whatever the {@code X-User} request header says, so anyone who can reach the
 * port can act as any user. A real host must supply its own login: it takes the user from its own authenticated
 * session (a session cookie, a verified token, ...), never from a request header the client sets. Replace
 * {@code principal(..)} before serving anyone but yourself.
 *
 * <p>So that a copy is not exposed by accident, the host listens on the loopback address {@code 127.0.0.1}
 * unless told otherwise, and warns when bound to anything else. Request bodies are JSON only: a body sent with
 * another {@code Content-Type} (or none) is refused with 415 before it is read.
 *
 * <p>Run with {@code ./scripts/run-example.sh io.threebot.deployer.examples.host.HostApp [port] [bind-address]}
 * (default port {@code 8080}, default address {@code 127.0.0.1}) and try
 * {@code curl -X POST -H 'X-User: alice.3bot' http://127.0.0.1:8080/chats/deploy}.
 */
public final class HostApp implements AutoCloseable {
    /**
     * The header standing for the host's authenticated user. It is a stand-in for a real login only: a real host
     * takes the user from its own authenticated session, never from a request header.
     */
    static final String USER_HEADER = "X-User";
    /** The port {@link #main} serves on when given none. */
    static final int DEFAULT_PORT = 8080;
    /** The address {@link #main} binds when given none: loopback, so the stand-in login is not exposed. */
    static final String DEFAULT_BIND_ADDRESS = "127.0.0.1";

    private final HttpServer server;
    private final ExecutorService executor;

    private HostApp(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * Serves the deployer on the address. Bind a loopback address (see {@link #startOnLoopback}) unless a real
     * login has replaced the {@code X-User} stand-in.
     */
    public static HostApp start(ThreebotDeployer deployer, InetSocketAddress address) {
        return start(deployer, address, null);
    }

    /** Serves the deployer, and its meters at {@code GET /metrics} when a registry is given. */
    public static HostApp start(ThreebotDeployer deployer, InetSocketAddress address, MeterRegistry metrics) {
        try {
            HttpServer server = HttpServer.create(address, 128);
            if (metrics != null) {
                server.createContext("/metrics", new MetricsRoutes(metrics));
            }
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

    /** Serves the deployer on {@code 127.0.0.1} at the port ({@code 0} for any free one). */
    public static HostApp startOnLoopback(ThreebotDeployer deployer, int port) {
        return start(deployer, new InetSocketAddress(DEFAULT_BIND_ADDRESS, port));
    }

    /** The address the host listens on. */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    public int port() {
        return address().getPort();
    }

    /**
     * The authenticated user of a request. <b>Here it is a stand-in:</b> whatever the {@code X-User}
     * header says, which any client can set to any user. A real host must supply the login itself and return the
     * user of its own authenticated session (a session cookie, a verified token), never a value taken from a
     * request header.
     *
     * @throws IllegalArgumentException (a 400) when the request names no user
     */
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

    /**
     * Serves the deployer on an embedded simulated grid: {@code HostApp [port] [bind-address]}, by default on
     * {@code 127.0.0.1:8080}. Binding anything but a loopback address prints a
     * warning, since the {@code X-User} stand-in login would then let anyone on the network act as any user.
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
        if (!address.getAddress().isLoopbackAddress()) {
            System.err.println("WARNING: bound to " + address.getAddress().getHostAddress() + ", not loopback. The "
                    + USER_HEADER + " header is a stand-in for a login: anyone who can reach this port can act as "
                    + "any user. Do not expose this host; a real host takes the user from its own login.");
        }
        MeterRegistry registry = new SimpleMeterRegistry();
        DeployerMetrics metrics = new DeployerMetrics(registry);
        try (HostBackend backend = HostBackend.open(options);
             ThreebotDeployer deployer = backend.builder()
                     .settings(DeployerSettings.builder().fromEnvironment(System.getenv()).build())
                     .events(metrics).build().start();
             HostApp app = start(deployer, address, registry)) {
            metrics.gauge("threebot.chats.open", deployer::openChats);
            System.out.println("Threebot Deployer host app on " + url(app.address()) + " (" + backend.describe()
                    + "); stop with Ctrl-C");
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
