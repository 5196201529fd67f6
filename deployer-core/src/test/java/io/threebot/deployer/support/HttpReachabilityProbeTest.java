package io.threebot.deployer.support;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpReachabilityProbeTest {
    private final HttpServer server;

    HttpReachabilityProbeTest() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/admin", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(502, -1);
            exchange.close();
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(2_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.setExecutor(java.util.concurrent.Executors.newFixedThreadPool(4));
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    @Test
    void only200CountsAndFailuresNeverThrow() {
        HttpReachabilityProbe probe = new HttpReachabilityProbe(true);
        assertThat(probe.isReachable(uri("/admin"), Duration.ofSeconds(2))).isTrue();
        assertThat(probe.isReachable(uri("/broken"), Duration.ofSeconds(2))).isFalse();
        assertThat(probe.isReachable(uri("/missing"), Duration.ofSeconds(2))).isFalse();
        assertThat(probe.isReachable(URI.create("http://127.0.0.1:1/admin"), Duration.ofSeconds(2))).isFalse();
    }

    @Test
    void aSlowAnswerIsNotReachable() {
        HttpReachabilityProbe probe = new HttpReachabilityProbe(false);
        long start = System.nanoTime();
        assertThat(probe.isReachable(uri("/slow"), Duration.ofMillis(200))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(1_900));
    }
}
