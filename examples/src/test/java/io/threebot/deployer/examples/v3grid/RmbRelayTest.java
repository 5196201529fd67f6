package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.tfgrid.rmb.Address;
import io.threebot.deployer.tfgrid.rmb.Envelope;
import io.threebot.deployer.tfgrid.rmb.RelayToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The local relay: logins checked against the chain's twins, envelopes routed, refusals answered as rmb-rs does. */
class RmbRelayTest {
    private static final Duration REPLY = Duration.ofSeconds(10);
    private LocalV3Grid grid;
    private GridTestUser alice;
    private GridTestUser bob;

    @TempDir
    Path data;

    @BeforeEach
    void start() throws Exception {
        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(50)).dataDirectory(data).build()).build());
        alice = GridTestUser.create(grid);
        bob = GridTestUser.create(grid);
    }

    @AfterEach
    void stop() {
        for (AutoCloseable c : new AutoCloseable[] {alice, bob, grid}) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                // best effort
            }
        }
    }

    private Throwable loginFailure(String token) {
        try {
            GridTestUser.connect(grid.relayUrl(), token, new LinkedBlockingQueue<>()).abort();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }

    @Test
    void aLoginTokenMustBeSignedByTheKeyOfItsTwinOnTheChain() throws Exception {
        long now = GridTestUser.now();
        assertThat(loginFailure("")).as("no token").isInstanceOf(WebSocketHandshakeException.class);
        assertThat(loginFailure(RelayToken.create(99_999, null, alice.key, now, 60))).as("no such twin")
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThat(loginFailure(RelayToken.create(alice.twinId, null, bob.key, now, 60))).as("another's key")
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThat(loginFailure(RelayToken.create(alice.twinId, null, alice.key, now - 100, 10))).as("expired")
                .isInstanceOf(WebSocketHandshakeException.class);
        assertThat(loginFailure(RelayToken.create(alice.twinId, null, alice.key, now, 60))).isNull();
    }

    @Test
    void requestsReachTheDestinationTwinAndRepliesComeBack() throws Exception {
        alice.connect();
        bob.connect();
        Envelope request = alice.request(bob.twinId, "calc.add", "[1,2]");
        alice.sendRaw(request);
        Envelope got = bob.awaitReply(request.uid(), REPLY);
        assertThat(got).isNotNull();
        assertThat(got.message()).isEqualTo(new Envelope.Request("calc.add"));
        assertThat(got.verifies(alice.key.publicKey())).isTrue();

        bob.sendRaw(got.reply("3".getBytes(StandardCharsets.UTF_8), GridTestUser.now()).signed(bob.key));
        Envelope reply = alice.awaitReply(request.uid(), REPLY);
        assertThat(reply.message()).isInstanceOf(Envelope.Response.class);
        assertThat(GridTestUser.text(reply)).isEqualTo("3");
        assertThat(reply.source().twin()).isEqualTo(bob.twinId);
    }

    @Test
    void aPingIsAnsweredWithAPongSayingHelloWorld() throws Exception {
        alice.connect();
        Envelope ping = new Envelope("p1", null, GridTestUser.now(), 40, Address.of(alice.twinId), Address.of(0),
                new Envelope.Ping(), null, null, null, null, List.of());
        alice.sendRaw(ping);
        Envelope pong = alice.awaitReply("p1", REPLY);
        assertThat(pong.message()).isInstanceOf(Envelope.Pong.class);
        assertThat(GridTestUser.text(pong)).isEqualTo("hello world");
    }

    private Envelope refusal(Envelope request) throws InterruptedException {
        alice.sendRaw(request);
        Envelope answer = alice.awaitReply(request.uid(), REPLY);
        assertThat(answer).as("an answer to " + request).isNotNull();
        assertThat(answer.source()).as("relay errors have no source").isNull();
        assertThat(answer.destination().twin()).isEqualTo(alice.twinId);
        assertThat(answer.expiration()).isEqualTo(300);
        return answer;
    }

    private static String error(Envelope e) {
        return ((Envelope.ErrorReply) e.message()).message();
    }

    @Test
    void requestsThatCannotBeRoutedAreAnsweredAsRmbRsAnswersThem() throws Exception {
        alice.connect();
        long now = GridTestUser.now();
        assertThat(error(refusal(alice.request(99_999, "x", "{}")))).isEqualTo("unknown twin destination");

        Envelope old = Envelope.request("old", Address.of(alice.twinId), Address.of(bob.twinId), "x", new byte[0],
                now - 120, 60).signed(alice.key);
        assertThat(error(refusal(old))).isEqualTo("message has expired");

        Envelope forged = Envelope.request("forged", Address.of(alice.twinId), Address.of(bob.twinId), "x",
                new byte[0], now, 60).signed(bob.key);
        assertThat(error(refusal(forged))).startsWith("invalid envelope signature");

        Envelope unsigned = Envelope.request("unsigned", Address.of(alice.twinId), Address.of(bob.twinId), "x",
                new byte[0], now, 60);
        assertThat(error(refusal(unsigned))).startsWith("invalid envelope signature");

        Envelope asBob = Envelope.request("asbob", Address.of(bob.twinId), Address.of(alice.twinId), "x",
                new byte[0], now, 60).signed(bob.key);
        assertThat(error(refusal(asBob))).isEqualTo("message wrong source");

        Envelope nowhere = Envelope.request("nowhere", Address.of(alice.twinId), null, "x", new byte[0], now, 60)
                .signed(alice.key);
        assertThat(error(refusal(nowhere))).isEqualTo("message with missing destination");
    }

    @Test
    void messagesToATwinThatIsNotConnectedWaitUntilItLogsIn() throws Exception {
        alice.connect();
        Envelope request = alice.request(bob.twinId, "later", "{}");
        alice.sendRaw(request);
        Thread.sleep(300);
        bob.connect();
        assertThat(bob.awaitReply(request.uid(), REPLY)).isNotNull();
    }

    private CompletableFuture<String> closedAfterSending(Consumer<
            WebSocket> send) throws Exception {
        CompletableFuture<String> closed = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(grid.relayUrl() + "/?" + RelayToken.create(alice.twinId, null,
                        alice.key, GridTestUser.now(), 60)), new WebSocket.Listener() {
                            @Override
                            public CompletionStage<?> onClose(WebSocket ws,
                                    int code, String reason) {
                                closed.complete(code + " " + reason);
                                return null;
                            }

                            @Override
                            public void onError(WebSocket ws, Throwable error) {
                                closed.complete("error " + error);
                            }
                        }).get(10, TimeUnit.SECONDS);
        send.accept(socket);
        return closed;
    }

    @Test
    void textOrBytesThatAreNotAnEnvelopeCloseTheConnectionAsRmbRsDoes() throws Exception {
        assertThat(closedAfterSending(ws -> ws.sendText("hello", true)).get(10,
                TimeUnit.SECONDS)).contains("text messages are not supported");
        assertThat(closedAfterSending(ws -> ws.sendBinary(ByteBuffer.wrap(new byte[] {(byte) 0xff, 1, 2}),
                true)).get(10, TimeUnit.SECONDS)).contains("failed to load input message");
    }
}
