package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.ExtrinsicBuilder;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.rmb.Address;
import io.threebot.deployer.tfgrid.rmb.Envelope;
import io.threebot.deployer.tfgrid.rmb.RelayToken;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import io.threebot.deployer.tfgrid.zos.Deployment;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A user of a local grid in tests: an ed25519 key with a funded account and a twin, and a relay connection. */
final class GridTestUser implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(30);
    private final LocalV3Grid grid;
    final Ed25519KeyPair key;
    final long twinId;
    private WebSocket socket;
    final BlockingQueue<Envelope> received = new LinkedBlockingQueue<>();

    private GridTestUser(LocalV3Grid grid, Ed25519KeyPair key, long twinId) {
        this.grid = grid;
        this.key = key;
        this.twinId = twinId;
    }

    static Ed25519KeyPair newKey() {
        byte[] seed = new byte[32];
        new SecureRandom().nextBytes(seed);
        return Ed25519KeyPair.fromSeed(seed);
    }

    /** A funded account that accepted the terms and has a twin. */
    static GridTestUser create(LocalV3Grid grid) throws Exception {
        return create(grid, BigInteger.valueOf(100 * TfchainRuntime.ONE_TFT));
    }

    /** A user whose account was given this much. */
    static GridTestUser create(LocalV3Grid grid, BigInteger funds) throws Exception {
        Ed25519KeyPair key = newKey();
        LocalTfchain chain = grid.chain();
        chain.fund(key.address(), funds).get(30, TimeUnit.SECONDS);
        send(chain, key, "TfgridModule", "user_accept_tc", "https://example.org/tc".getBytes(), "abc".getBytes());
        send(chain, key, "TfgridModule", "create_twin", Optional.of("relay.grid.local".getBytes()),
                Optional.empty());
        return new GridTestUser(grid, key, chain.twinOf(key.address()).orElseThrow().id());
    }

    /** Sends a call and waits until a block after it is made; returns the names of that block's events. */
    static List<String> send(LocalTfchain chain, Ed25519KeyPair key, String pallet, String call, Object... args)
            throws Exception {
        long before = chain.head().number();
        chain.submit(ExtrinsicBuilder.forRuntime(chain.metadata()).call(chain.metadata().call(pallet, call, args))
                .nonce(chain.nextNonce(key.address()))
                .genesisHash(HexFormat.of().parseHex(chain.genesisHash().substring(2)))
                .specVersion(TfchainRuntime.SPEC_VERSION).transactionVersion(TfchainRuntime.TRANSACTION_VERSION)
                .sign(key));
        Block block = chain.awaitBlock(before + 2, WAIT);
        return List.of(String.valueOf(block.number()));
    }

    List<String> send(String pallet, String call, Object... args) throws Exception {
        return send(grid.chain(), key, pallet, call, args);
    }

    /** Creates the node contract of a deployment (by its hash) and returns it with the contract id set. */
    Deployment contract(long nodeId, Deployment deployment) throws Exception {
        byte[] hash = deployment.challengeHashHex().getBytes(StandardCharsets.US_ASCII);
        send("SmartContractModule", "create_node_contract", (int) nodeId, hash, new byte[0], 0, Optional.empty());
        String hex = HexFormat.of().formatHex(hash);
        Contract contract = grid.chain().contracts().stream()
                .filter(c -> c.nodeId() == nodeId && c.deploymentHash().equals(hex)).findFirst().orElseThrow();
        return deployment.withContractId(contract.id());
    }

    /** Logs in to the relay with a token signed by this user's key. */
    GridTestUser connect() throws Exception {
        socket = connect(grid.relayUrl(), RelayToken.create(twinId, null, key, now(), 600), received);
        return this;
    }

    static WebSocket connect(URI relay, String token, BlockingQueue<Envelope> into) throws Exception {
        return HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10))
                .buildAsync(URI.create(relay + "/?" + token), new WebSocket.Listener() {
                    private java.io.ByteArrayOutputStream parts = new java.io.ByteArrayOutputStream();

                    @Override
                    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                        byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        parts.writeBytes(bytes);
                        if (last) {
                            into.add(Envelope.parse(parts.toByteArray()));
                            parts = new java.io.ByteArrayOutputStream();
                        }
                        ws.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
    }

    static long now() {
        return System.currentTimeMillis() / 1000;
    }

    /** Sends an envelope as is. */
    void sendRaw(Envelope envelope) {
        socket.sendBinary(ByteBuffer.wrap(envelope.toBytes()), true).join();
    }

    /** A signed request from this twin. */
    Envelope request(long destination, String command, String body) {
        return Envelope.request(UUID.randomUUID().toString(), Address.of(twinId), Address.of(destination), command,
                body.getBytes(StandardCharsets.UTF_8), now(), 60).signed(key);
    }

    /** Sends a signed request and waits for the envelope answering it (its uid). */
    Envelope call(long destination, String command, String body, Duration timeout) throws InterruptedException {
        Envelope request = request(destination, command, body);
        sendRaw(request);
        return awaitReply(request.uid(), timeout);
    }

    Envelope awaitReply(String uid, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            Envelope e = received.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (e != null && e.uid().equals(uid)) {
                return e;
            }
        }
        return null;
    }

    static String text(Envelope e) {
        return e.payload() == null ? "" : new String(e.payload().bytes(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.abort();
        }
    }
}
