package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The local grid's gateway seen from another process ({@link LocalGateway}) and the probe that asks it
 * ({@link RemoteV3Reachability}): a name leading to a running VM answers, any other does not, and a gateway that
 * fails, stalls or answers nonsense is "not answering", within the deadline, never an exception.
 */
class RemoteV3ReachabilityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private final Map<String, LocalV3Grid.NameRoute> routes = new ConcurrentHashMap<>();
    private LocalGateway gateway;
    private RemoteV3Reachability probe;

    @BeforeEach
    void start() throws Exception {
        gateway = LocalGateway.start(name -> Optional.ofNullable(routes.get(name)), 0);
        probe = new RemoteV3Reachability(gateway.url());
    }

    @AfterEach
    void stop() {
        gateway.close();
    }

    private void route(String fqdn, Optional<LocalV3Grid.Machine> machine) {
        routes.put(fqdn, new LocalV3Grid.NameRoute(fqdn, 7, 42, List.of("http://10.20.2.5:80"), machine));
    }

    @Test
    void aNameLeadingToARunningMachineAnswersAndOtherNamesDoNot() {
        route("mybot.gent01.dev.grid.tf", Optional.of(new LocalV3Grid.Machine(3, 41, "vm", "10.20.2.5")));
        route("stopped.gent01.dev.grid.tf", Optional.empty());
        URI bot = URI.create("https://mybot.gent01.dev.grid.tf/admin");
        assertThat(probe.isReachable(bot, TIMEOUT)).isTrue();
        assertThat(probe.containerAnswers(bot, "10.20.2.5", TIMEOUT)).isTrue();
        assertThat(probe.containerAnswers(bot, "10.20.3.5", TIMEOUT)).as("another container").isFalse();
        assertThat(probe.isReachable(URI.create("https://stopped.gent01.dev.grid.tf/"), TIMEOUT))
                .as("a gateway name whose VM is gone").isFalse();
        assertThat(probe.isReachable(URI.create("https://other.gent01.dev.grid.tf/"), TIMEOUT)).isFalse();

        routes.remove("mybot.gent01.dev.grid.tf");
        assertThat(probe.isReachable(bot, TIMEOUT)).as("asked again each time").isFalse();
    }

    @Test
    void theGatewayAlsoAnswersByHostHeaderAsABrowserAsksAndRefusesNoName() throws Exception {
        route("mybot.gent01.dev.grid.tf", Optional.of(new LocalV3Grid.Machine(3, 41, "vm", "10.20.2.5")));
        assertThat(rawGet("mybot.gent01.dev.grid.tf", "/admin")).startsWith("HTTP/1.1 200")
                .contains("\"ip\":\"10.20.2.5\"");
        assertThat(rawGet("other.gent01.dev.grid.tf", "/")).startsWith("HTTP/1.1 404")
                .contains("no gateway serves other.gent01.dev.grid.tf");
        assertThat(rawGet("127.0.0.1", "/")).startsWith("HTTP/1.1 400");
    }

    @Test
    void aGatewayThatFailsStallsOrAnswersNonsenseIsNotAnsweringWithinTheDeadline() throws Exception {
        URI bot = URI.create("https://mybot.gent01.dev.grid.tf/admin");
        for (byte[] body : List.of("not json".getBytes(StandardCharsets.UTF_8), "[1,2]".getBytes(
                StandardCharsets.UTF_8), ("{\"ip\":\"" + "1".repeat(10_000) + "\"}").getBytes(StandardCharsets.UTF_8))) {
            HttpServer hostile = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
            hostile.createContext("/", exchange -> {
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            hostile.start();
            try {
                RemoteV3Reachability asking = new RemoteV3Reachability(URI.create("http://127.0.0.1:"
                        + hostile.getAddress().getPort()));
                assertThat(asking.isReachable(bot, TIMEOUT)).as(new String(body, 0, Math.min(20, body.length),
                        StandardCharsets.UTF_8)).isFalse();
            } finally {
                hostile.stop(0);
            }
        }

        try (ServerSocket silent = new ServerSocket(0)) { // accepts, then never answers
            RemoteV3Reachability asking = new RemoteV3Reachability(URI.create("http://127.0.0.1:"
                    + silent.getLocalPort()));
            long started = System.nanoTime();
            assertThat(asking.isReachable(bot, Duration.ofMillis(500))).isFalse();
            assertThat(Duration.ofNanos(System.nanoTime() - started)).as("the probe's deadline holds")
                    .isLessThan(Duration.ofSeconds(5));
        }
        int closedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            closedPort = s.getLocalPort();
        }
        assertThat(new RemoteV3Reachability(URI.create("http://127.0.0.1:" + closedPort)).isReachable(bot, TIMEOUT))
                .as("nobody listening").isFalse();
        assertThat(probe.isReachable(URI.create("mailto:someone"), TIMEOUT)).as("no host").isFalse();
        assertThatThrownBy(() -> new RemoteV3Reachability(URI.create("ftp://127.0.0.1:1")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("http://");
    }

    private String rawGet(String host, String path) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", gateway.url().getPort())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
