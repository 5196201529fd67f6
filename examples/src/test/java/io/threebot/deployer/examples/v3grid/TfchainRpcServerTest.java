package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The local tfchain's RPC server speaks as a node does on the wire: a subscription's answer (its id) comes before any
 * of its notifications, which clients would otherwise drop as meant for an id they do not know; and an extrinsic
 * included at once, in a block made while it was being submitted, still has its {@code inBlock} sent.
 */
class TfchainRpcServerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** The storage key of {@code System.Number}, the block number, which every block changes. */
    private static final String SYSTEM_NUMBER = "0x26aa394eea5630e07c48ae0c9558cef702a5c1b19ab7a04f536c519aca4983ac";

    private LocalTfchain chain;
    private TfchainRpcServer rpc;
    private WebSocket socket;
    private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
    private final List<JsonNode> seen = new ArrayList<>();
    private long ids;

    private void start(Duration blockInterval) throws Exception {
        chain = LocalTfchain.start(LocalTfchainConfig.builder().blockInterval(blockInterval).build());
        rpc = TfchainRpcServer.start(chain, 0);
        socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(WAIT)
                .buildAsync(rpc.url(), new WebSocket.Listener() {
                    private final StringBuilder parts = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                        parts.append(data);
                        if (last) {
                            try {
                                received.add(JSON.readTree(parts.toString()));
                            } catch (java.io.IOException e) {
                                throw new java.io.UncheckedIOException(e);
                            }
                            parts.setLength(0);
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() {
        if (socket != null) {
            socket.abort();
        }
        if (rpc != null) {
            rpc.close();
        }
        if (chain != null) {
            chain.close();
        }
    }

    private long send(String method, Object... params) throws Exception {
        long id = ++ids;
        var request = JSON.createObjectNode().put("jsonrpc", "2.0").put("id", id).put("method", method);
        var array = request.putArray("params");
        for (Object param : params) {
            array.addPOJO(param);
        }
        socket.sendText(JSON.writeValueAsString(request), true).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        return id;
    }

    /** Reads messages until one matches, keeping every message read in {@link #seen}, in order. */
    private JsonNode await(java.util.function.Predicate<JsonNode> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            JsonNode message = received.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            assertThat(message).as("waiting for " + what + " after " + seen).isNotNull();
            seen.add(message);
            if (wanted.test(message)) {
                return message;
            }
        }
    }

    private JsonNode answer(long id) throws InterruptedException {
        return await(m -> m.path("id").asLong(-1) == id, "the answer to " + id);
    }

    private JsonNode status(String subscription, String field) throws InterruptedException {
        return await(m -> m.path("params").path("subscription").asText().equals(subscription)
                && m.path("params").path("result").has(field), field + " of " + subscription);
    }

    /** The position in {@link #seen} of the first message matching. */
    private int firstSeen(java.util.function.Predicate<JsonNode> matching) {
        for (int i = 0; i < seen.size(); i++) {
            if (matching.test(seen.get(i))) {
                return i;
            }
        }
        return Integer.MAX_VALUE;
    }

    private int firstNotificationOf(String subscription) {
        return firstSeen(m -> m.path("params").path("subscription").asText().equals(subscription));
    }

    private byte[] remark(Ed25519KeyPair key) {
        return ExtrinsicBuilder.forRuntime(chain.metadata())
                .call(chain.metadata().call("System", "remark", "hello".getBytes()))
                .nonce(chain.nextNonce(key.address()))
                .genesisHash(HexFormat.of().parseHex(chain.genesisHash().substring(2)))
                .specVersion(TfchainRuntime.SPEC_VERSION).transactionVersion(TfchainRuntime.TRANSACTION_VERSION)
                .sign(key);
    }

    private Ed25519KeyPair fundedKey() throws Exception {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        Ed25519KeyPair key = Ed25519KeyPair.fromSeed(seed);
        chain.fund(key.address(), BigInteger.valueOf(10 * TfchainRuntime.ONE_TFT)).get(30, TimeUnit.SECONDS);
        return key;
    }

    private static String hex(byte[] bytes) {
        return "0x" + HexFormat.of().formatHex(bytes);
    }

    @Test
    void everySubscriptionIsAnsweredWithItsIdBeforeItsFirstNotification() throws Exception {
        start(Duration.ofMillis(100));
        Ed25519KeyPair key = fundedKey();

        long heads = send("chain_subscribeNewHeads");
        long storage = send("state_subscribeStorage", List.of(SYSTEM_NUMBER));
        long watch = send("author_submitAndWatchExtrinsic", hex(remark(key)));
        String headsId = answer(heads).path("result").asText();
        String storageId = answer(storage).path("result").asText();
        String watchId = answer(watch).path("result").asText();
        status(watchId, "finalized");

        assertThat(firstNotificationOf(headsId)).as("the first head, after the answer " + seen)
                .isGreaterThan(firstSeen(m -> m.path("id").asLong(-1) == heads)).isLessThan(seen.size());
        assertThat(firstNotificationOf(storageId)).as("the first value, after the answer " + seen)
                .isGreaterThan(firstSeen(m -> m.path("id").asLong(-1) == storage)).isLessThan(seen.size());
        int answered = firstSeen(m -> m.path("id").asLong(-1) == watch);
        int ready = firstSeen(m -> m.path("params").path("result").asText().equals("ready"));
        int inBlock = firstSeen(m -> m.path("params").path("subscription").asText().equals(watchId)
                && m.path("params").path("result").has("inBlock"));
        int finalized = seen.size() - 1;
        assertThat(List.of(answered, ready, inBlock, finalized)).as("answer, ready, inBlock, finalized: " + seen)
                .isSorted().doesNotHaveDuplicates();
    }

    @Test
    void anExtrinsicIncludedWhileItWasBeingSubmittedStillHasItsInclusionSent() throws Exception {
        start(Duration.ofMillis(10)); // the shortest interval: a block is made every few submissions
        Ed25519KeyPair key = fundedKey();

        for (int i = 0; i < 100; i++) {
            long watch = send("author_submitAndWatchExtrinsic", hex(remark(key)));
            JsonNode answer = answer(watch);
            assertThat(answer.has("result")).as("extrinsic %d taken: %s", i, answer).isTrue();
            status(answer.path("result").asText(), "inBlock");
        }
        assertThat(chain.balance(key.address()).nonce()).isEqualTo(100);
    }

    @Test
    void anUnwatchedExtrinsicIsToldNothingMoreWhenItIsIncluded() throws Exception {
        start(Duration.ofSeconds(1));
        Ed25519KeyPair key = fundedKey();
        long watch = send("author_submitAndWatchExtrinsic", hex(remark(key)));
        String id = answer(watch).path("result").asText();
        long unwatch = send("author_unwatchExtrinsic", id);
        assertThat(answer(unwatch).path("result").asBoolean()).isTrue();

        long included = chain.head().number() + 2;
        chain.awaitBlock(included, WAIT);
        long heads = send("chain_subscribeNewHeads"); // a message after the block, to read up to
        answer(heads);

        assertThat(chain.balance(key.address()).nonce()).isEqualTo(1);
        assertThat(firstSeen(m -> m.path("params").path("subscription").asText().equals(id)
                && m.path("params").path("result").has("inBlock"))).as("no inBlock after unwatching: " + seen)
                .isEqualTo(Integer.MAX_VALUE);
    }
}
