package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.rmb.Address;
import io.threebot.deployer.tfgrid.rmb.Envelope;
import io.threebot.deployer.tfgrid.rmb.InvalidEnvelopeException;
import io.threebot.deployer.tfgrid.rmb.RelayToken;
import io.threebot.deployer.tfgrid.testkit.WriteDemands;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.drafts.Draft_6455;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The local grid's RMB relay, answering as rmb-rs's relay does ({@code src/relay/api.rs}): a twin logs in with a
 * websocket whose URL query is its token ({@link RelayToken}), which must verify with the key of its twin on the
 * local chain (otherwise the upgrade is refused: {@code missing jwt}, {@code twin not found N}, {@code invalid jwt});
 * binary frames are protobuf envelopes routed to the session of their destination twin. A ping is answered with a
 * pong carrying {@code hello world}. A request that cannot be routed is answered with an error envelope (no source,
 * same uid, 300 s to live, code 0) saying why: {@code message wrong source}, {@code message with missing
 * destination}, {@code message has expired} (as rmb-rs's federation router says it), {@code unknown twin
 * destination}. A destination twin that exists but is not connected has its messages kept (up to 10000, each until
 * it expires) and delivered when it logs in. Unlike rmb-rs, which leaves envelope signatures to the receiving peer,
 * this relay also refuses an envelope whose signature does not verify with its source twin's key
 * ({@code invalid envelope signature: ...}), so a test sees a forged sender at once.
 *
 * <p>In-process peers (the simulated zos nodes) log in with {@link #attach}. Text frames and bytes that are not an
 * envelope close the connection, as rmb-rs does.
 */
public final class RmbRelay implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RmbRelay.class);
    private static final int MAX_QUEUED = 10_000;
    private static final long ERROR_TTL_SECONDS = 300;
    private static final HexFormat HEX = HexFormat.of();

    /** A logged-in session: a twin and the session id it gave (null for none). */
    private record SessionId(long twin, String connection) {
        SessionId {
            connection = connection == null || connection.isEmpty() ? null : connection;
        }

        static SessionId of(Address address) {
            return new SessionId(address.twin(), address.connection());
        }
    }

    private record Queued(byte[] bytes, long deadlineSeconds) {
    }

    private final LocalTfchain chain;
    private final Server server;
    private final WriteDemands writeDemands;
    private final Map<SessionId, Consumer<byte[]>> sessions = new ConcurrentHashMap<>();
    private final Map<SessionId, WebSocket> sockets = new ConcurrentHashMap<>();
    private final Object queueLock = new Object();
    private final Map<SessionId, Deque<Queued>> queues = new HashMap<>();

    private RmbRelay(LocalTfchain chain, InetSocketAddress address) {
        this.chain = chain;
        this.server = new Server(address);
        this.writeDemands = WriteDemands.watch(server, "rmb-relay");
    }

    /** Serves the relay on a loopback port (0 for a free one) and returns once it listens. */
    public static RmbRelay start(LocalTfchain chain, int port) throws InterruptedException {
        RmbRelay relay = new RmbRelay(chain, new InetSocketAddress("127.0.0.1", port));
        relay.server.setReuseAddr(true);
        relay.server.start();
        if (!relay.server.started.await(10, TimeUnit.SECONDS)) {
            relay.writeDemands.close();
            throw new DeployerException("the RMB relay did not start");
        }
        return relay;
    }

    /** The websocket URL ({@code ws://127.0.0.1:PORT}), what clients take as their relay URL. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + server.getPort());
    }

    /** An in-process peer's login; what it sends goes through the relay as a websocket peer's would. */
    public interface Attachment extends AutoCloseable {
        /** Sends an envelope's bytes from this peer. */
        void send(byte[] envelope);

        /** Logs out; messages to the twin are kept until it logs in again or they expire. */
        @Override
        void close();
    }

    /**
     * Logs an in-process peer in as a twin (without a session id), replacing any session it had.
     *
     * @param deliver told of each envelope for the twin; it must not block
     */
    public Attachment attach(long twin, Consumer<byte[]> deliver) {
        SessionId id = new SessionId(twin, null);
        register(id, deliver);
        return new Attachment() {
            @Override
            public void send(byte[] envelope) {
                route(id, envelope);
            }

            @Override
            public void close() {
                sessions.remove(id, deliver);
            }
        };
    }

    /** Whether the twin (without a session id) is logged in now. */
    public boolean isOnline(long twin) {
        return sessions.containsKey(new SessionId(twin, null));
    }

    private void register(SessionId id, Consumer<byte[]> sink) {
        sessions.put(id, sink);
        flushQueue(id);
    }

    private void flushQueue(SessionId id) {
        Consumer<byte[]> sink = sessions.get(id);
        if (sink == null) {
            return;
        }
        List<Queued> waiting;
        synchronized (queueLock) {
            Deque<Queued> queue = queues.remove(id);
            waiting = queue == null ? List.of() : new ArrayList<>(queue);
        }
        long now = nowSeconds();
        for (Queued q : waiting) {
            if (q.deadlineSeconds() > now) {
                sink.accept(q.bytes());
            }
        }
    }

    private void deliver(SessionId destination, byte[] bytes, long deadlineSeconds) {
        Consumer<byte[]> sink = sessions.get(destination);
        if (sink != null) {
            sink.accept(bytes);
            return;
        }
        synchronized (queueLock) {
            Deque<Queued> queue = queues.computeIfAbsent(destination, k -> new ArrayDeque<>());
            long now = nowSeconds();
            queue.removeIf(q -> q.deadlineSeconds() <= now);
            if (queue.size() >= MAX_QUEUED) {
                queue.removeFirst();
            }
            queue.addLast(new Queued(bytes, deadlineSeconds));
        }
        flushQueue(destination); // it may have logged in meanwhile
    }

    /** Routes one envelope a session sent; false when the bytes are not an envelope (the sender is dropped). */
    private boolean route(SessionId from, byte[] bytes) {
        Envelope envelope;
        try {
            envelope = Envelope.parse(bytes);
        } catch (InvalidEnvelopeException e) {
            LOG.debug("session {} sent something that is not an envelope: {}", from, e.getMessage());
            return false;
        }
        Optional<String> refusal = refusal(from, envelope);
        if (refusal.isPresent()) {
            answerError(from, envelope, refusal.get());
            return true;
        }
        if (envelope.message() instanceof Envelope.Ping) {
            byte[] plain = envelope.payload() instanceof Envelope.Plain p ? p.bytes() : new byte[0];
            byte[] hello = "hello world".getBytes(StandardCharsets.UTF_8);
            byte[] body = new byte[plain.length + hello.length];
            System.arraycopy(plain, 0, body, 0, plain.length);
            System.arraycopy(hello, 0, body, plain.length, hello.length);
            Envelope pong = new Envelope(envelope.uid(), envelope.tags(), envelope.timestamp(),
                    envelope.expiration(), envelope.destination(), envelope.source(), new Envelope.Pong(),
                    envelope.signature(), envelope.schema(), envelope.federation(), new Envelope.Plain(body),
                    envelope.relays());
            deliver(from, pong.toBytes(), nowSeconds() + 60);
            return true;
        }
        deliver(SessionId.of(envelope.destination()), bytes,
                envelope.timestamp() + Math.min(envelope.expiration(), 24 * 3600L));
        return true;
    }

    private Optional<String> refusal(SessionId from, Envelope envelope) {
        if (envelope.source() == null || !SessionId.of(envelope.source()).equals(from)) {
            return Optional.of("message wrong source");
        }
        if (envelope.message() instanceof Envelope.Ping) {
            return Optional.empty();
        }
        if (envelope.destination() == null || envelope.destination().twin() == 0) {
            return Optional.of("message with missing destination");
        }
        if (envelope.expiredAt(nowSeconds())) {
            return Optional.of("message has expired");
        }
        Optional<Twin> source = twin(from.twin());
        if (source.isEmpty()) {
            return Optional.of("unknown twin source");
        }
        try {
            envelope.verify(HEX.parseHex(source.get().account()));
        } catch (InvalidEnvelopeException e) {
            return Optional.of("invalid envelope signature: " + e.getMessage());
        }
        if (!sessions.containsKey(SessionId.of(envelope.destination()))
                && twin(envelope.destination().twin()).isEmpty()) {
            return Optional.of("unknown twin destination");
        }
        return Optional.empty();
    }

    private Optional<Twin> twin(long id) {
        return Optional.ofNullable(chain.snapshot().twins().get(id));
    }

    /** As rmb-rs's {@code send_error_response}: only requests are answered, from no source, to the sender. */
    private void answerError(SessionId to, Envelope request, String message) {
        if (!(request.message() instanceof Envelope.Request)) {
            return;
        }
        long now = nowSeconds();
        Envelope error = new Envelope(request.uid(), null, now, ERROR_TTL_SECONDS, null,
                new Address(to.twin(), to.connection()), new Envelope.ErrorReply(0, message), null, null, null,
                null, List.of());
        deliver(to, error.toBytes(), now + ERROR_TTL_SECONDS);
    }

    private static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }

    private final class Server extends WebSocketServer {
        private final CountDownLatch started = new CountDownLatch(1);

        Server(InetSocketAddress address) {
            super(address, List.of(new Draft_6455(List.of(), List.of(new org.java_websocket.protocols.Protocol("")),
                    Envelope.MAX_BYTES)));
        }

        @Override
        public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket socket, Draft draft,
                ClientHandshake handshake) throws InvalidDataException {
            ServerHandshakeBuilder builder = super.onWebsocketHandshakeReceivedAsServer(socket, draft, handshake);
            String resource = handshake.getResourceDescriptor();
            int query = resource.indexOf('?');
            if (query < 0 || query == resource.length() - 1) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "missing jwt");
            }
            String token = resource.substring(query + 1);
            try {
                RelayToken.Claims claims = RelayToken.read(token);
                Twin twin = twin(claims.twin()).orElseThrow(() -> new InvalidDataException(
                        CloseFrame.POLICY_VALIDATION, "twin not found " + claims.twin()));
                RelayToken.verify(token, HEX.parseHex(twin.account()), nowSeconds());
                socket.setAttachment(new SessionId(claims.twin(), claims.session()));
            } catch (InvalidEnvelopeException e) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "invalid jwt: " + e.getMessage());
            }
            return builder;
        }

        @Override
        public void onOpen(WebSocket socket, ClientHandshake handshake) {
            SessionId id = socket.getAttachment();
            WebSocket previous = sockets.put(id, socket);
            if (previous != null && previous != socket) {
                previous.close(CloseFrame.NORMAL, "logged in again");
            }
            register(id, bytes -> {
                if (socket.isOpen()) {
                    socket.send(bytes);
                }
            });
        }

        @Override
        public void onClose(WebSocket socket, int code, String reason, boolean remote) {
            SessionId id = socket.getAttachment();
            if (id != null && sockets.remove(id, socket)) {
                sessions.remove(id);
            }
        }

        @Override
        public void onMessage(WebSocket socket, String message) {
            socket.close(CloseFrame.UNEXPECTED_CONDITION, "text messages are not supported");
        }

        @Override
        public void onMessage(WebSocket socket, ByteBuffer message) {
            byte[] bytes = new byte[message.remaining()];
            message.get(bytes);
            if (!route(socket.getAttachment(), bytes)) {
                socket.close(CloseFrame.UNEXPECTED_CONDITION, "failed to load input message");
            }
        }

        @Override
        public void onError(WebSocket socket, Exception e) {
            LOG.debug("RMB relay connection error", e);
        }

        @Override
        public void onStart() {
            started.countDown();
        }
    }

    /** Stops serving; connected peers are closed. */
    @Override
    public void close() {
        writeDemands.close();
        try {
            server.stop(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
