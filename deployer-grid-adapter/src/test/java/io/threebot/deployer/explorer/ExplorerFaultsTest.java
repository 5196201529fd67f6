package io.threebot.deployer.explorer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.grid.GridPaymentRequiredException;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.Capacity;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.DiskType;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.spi.GridIdentity;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An explorer that misbehaves on purpose: each case shows the typed error the caller gets. */
class ExplorerFaultsTest {
    /** One scripted answer. */
    private record Reply(int status, String contentType, String body, long declaredLength, long delayMillis) {
        static Reply json(int status, String body) {
            return new Reply(status, "application/json", body, -2, 0);
        }
    }

    private final Deque<Reply> script = new ArrayDeque<>();
    private final AtomicInteger calls = new AtomicInteger();
    /** Counted down as each request arrives, before its answer's delay. */
    private final java.util.concurrent.Semaphore arrived = new java.util.concurrent.Semaphore(0);
    private final HttpServer server;
    private final String node = "{\"node_id\":\"n1\",\"farm_id\":1,\"updated\":1,\"public_key_hex\":\""
            + "00".repeat(32) + "\"}";

    ExplorerFaultsTest() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/api/v1", this::answer);
        server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void answer(HttpExchange exchange) throws IOException {
        calls.incrementAndGet();
        arrived.release();
        Reply reply;
        synchronized (script) {
            reply = script.size() > 1 ? script.poll() : script.peek();
        }
        try {
            Thread.sleep(reply.delayMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", reply.contentType());
        exchange.sendResponseHeaders(reply.status(), reply.declaredLength() == -2 ? body.length : reply.declaredLength());
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        } catch (IOException e) {
            // the client gave up first
        }
        exchange.close();
    }

    private ExplorerGridClient client(int retries, Duration timeout) {
        return new ExplorerGridClient(ExplorerSettings.builder(
                        java.net.URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/api/v1/"))
                .retries(retries).backoff(Duration.ofMillis(5)).requestTimeout(timeout).build());
    }

    @Test
    void malformedJsonIsAProtocolError() {
        script.add(Reply.json(200, "{\"id\": 1, \"name\": "));
        assertThatThrownBy(() -> client(0, Duration.ofSeconds(5)).getFarm(1))
                .isInstanceOf(ExplorerProtocolException.class).hasMessageContaining("instead of JSON");
    }

    @Test
    void unexpectedFieldsAreIgnoredButMissingOnesAreNamed() {
        script.add(Reply.json(200, "{\"id\": 1, \"name\": \"f\", \"brand_new_field\": [1,2], \"location\": {}}"));
        assertThat(client(0, Duration.ofSeconds(5)).getFarm(1)).map(f -> f.name()).contains("f");
        script.clear();
        script.add(Reply.json(200, "{\"id\": 1}"));
        assertThatThrownBy(() -> client(0, Duration.ofSeconds(5)).getFarm(1))
                .isInstanceOf(ExplorerProtocolException.class).hasMessageContaining("lacks 'name'");
    }

    @Test
    void anHtmlErrorPageIsRetriedThenReportedAsUnavailable() {
        script.add(new Reply(502, "text/html", "<html><body><h1>502 Bad Gateway</h1></body></html>", -2, 0));
        assertThatThrownBy(() -> client(2, Duration.ofSeconds(5)).listFarms())
                .isInstanceOf(GridUnavailableException.class).hasMessageContaining("(502)")
                .hasMessageContaining("an HTML page starting '<html><body><h1>502 Bad Gateway");
        assertThat(calls).hasValue(3);
    }

    @Test
    void aServerErrorThatPassesIsForgotten() {
        script.add(Reply.json(503, "{\"error\": \"busy\"}"));
        script.add(Reply.json(503, "{\"error\": \"busy\"}"));
        script.add(Reply.json(200, "{\"id\": 2, \"name\": \"ok\"}"));
        assertThat(client(3, Duration.ofSeconds(5)).getFarm(2)).map(f -> f.name()).contains("ok");
        assertThat(calls).hasValue(3);
    }

    @Test
    void a402OnWorkloadCreationIsPaymentRequiredAndNotRetried() {
        script.add(Reply.json(200, node));
        script.add(Reply.json(402, "{\"error\": \"pool 9 cannot feed the workload\", \"reservation_id\": 77}"));
        IdentityKeys keys = IdentityKeys.fromSeed(new byte[32]);
        ContainerSpec spec = new ContainerSpec("f", Map.of(), Map.of(), "", false,
                new Capacity(1, 1024, 1024, DiskType.SSD), List.of(), Optional.empty());
        assertThatThrownBy(() -> client(3, Duration.ofSeconds(5)).deployWorkload(
                Workload.draft("n1", 9, "r", "", Instant.now(), spec), new GridIdentity(5, "x_y", keys)))
                .isInstanceOf(GridPaymentRequiredException.class).hasMessageContaining("cannot feed");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anInterruptedWorkloadCreationWaitsForItsAnswerSoTheCallerLearnsWhatItMade() throws Exception {
        script.add(Reply.json(200, node));
        script.add(new Reply(201, "application/json", "{\"reservation_id\": 4242}", -2, 600));
        IdentityKeys keys = IdentityKeys.fromSeed(new byte[32]);
        ContainerSpec spec = new ContainerSpec("f", Map.of(), Map.of(), "", false,
                new Capacity(1, 1024, 1024, DiskType.SSD), List.of(), Optional.empty());
        java.util.concurrent.CompletableFuture<Long> created = new java.util.concurrent.CompletableFuture<>();
        java.util.concurrent.atomic.AtomicBoolean stillInterrupted = new java.util.concurrent.atomic.AtomicBoolean();
        Thread caller = new Thread(() -> {
            try {
                created.complete(client(0, Duration.ofSeconds(5)).deployWorkload(
                        Workload.draft("n1", 9, "r", "", Instant.now(), spec), new GridIdentity(5, "x_y", keys)));
            } catch (RuntimeException e) {
                created.completeExceptionally(e);
            }
            stillInterrupted.set(Thread.currentThread().isInterrupted());
        });
        caller.start();
        assertThat(arrived.tryAcquire(2, 5, java.util.concurrent.TimeUnit.SECONDS)).as("the POST arrived").isTrue();
        caller.interrupt(); // while the explorer makes the workload
        caller.join(5_000);
        assertThat(created).isCompletedWithValue(4242L);
        assertThat(stillInterrupted).as("the interrupt is kept for the caller").isTrue();
    }

    @Test
    void anInterruptedReadStopsAtOnce() throws Exception {
        script.add(new Reply(200, "application/json", "[]", -2, 3_000));
        java.util.concurrent.CompletableFuture<Object> listed = new java.util.concurrent.CompletableFuture<>();
        Thread caller = new Thread(() -> {
            try {
                listed.complete(client(0, Duration.ofSeconds(10)).listFarms());
            } catch (RuntimeException e) {
                listed.completeExceptionally(e);
            }
        });
        long began = System.nanoTime();
        caller.start();
        assertThat(arrived.tryAcquire(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        caller.interrupt();
        caller.join(5_000);
        assertThat(Duration.ofNanos(System.nanoTime() - began)).as("well before the answer").isLessThan(
                Duration.ofMillis(2_500));
        assertThatThrownBy(listed::join).hasCauseInstanceOf(GridUnavailableException.class)
                .hasMessageContaining("interrupted");
    }

    @Test
    void anAnswerCutShortIsAnErrorWithinTheTimeout() {
        script.add(new Reply(200, "application/json", "[{\"id\": 1,", 500, 0));
        assertThatThrownBy(() -> client(0, Duration.ofMillis(300)).listFarms())
                .isInstanceOf(GridUnavailableException.class).hasMessageContaining("within 300 ms");
    }

    @Test
    void aTruncatedJsonBodyIsAProtocolError() {
        script.add(Reply.json(200, "[{\"id\": 1,"));
        assertThatThrownBy(() -> client(0, Duration.ofSeconds(5)).listFarms())
                .isInstanceOf(ExplorerProtocolException.class);
    }

    @Test
    void aServerThatNeverAnswersTimesOutAsConfigured() {
        script.add(new Reply(200, "application/json", "[]", -2, 3_000));
        assertThatThrownBy(() -> client(1, Duration.ofMillis(150)).listFarms())
                .isInstanceOf(GridUnavailableException.class).hasMessageContaining("within 150 ms");
        assertThat(calls).hasValue(2);
    }

    @Test
    void anUnreachableExplorerIsUnavailable() {
        ExplorerGridClient nowhere = new ExplorerGridClient(ExplorerSettings.builder(
                java.net.URI.create("http://127.0.0.1:1/api/v1")).retries(1).backoff(Duration.ofMillis(1)).build());
        assertThatThrownBy(nowhere::listFarms).isInstanceOf(GridUnavailableException.class)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void badSettingsAreRefused() {
        assertThatThrownBy(() -> ExplorerSettings.builder(java.net.URI.create("ftp://x")).build())
                .hasMessageContaining("http(s)");
    }
}
