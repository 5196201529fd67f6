package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.WriteDemands;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.java_websocket.WebSocket;
import org.java_websocket.drafts.Draft;
import org.java_websocket.exceptions.InvalidDataException;
import org.java_websocket.framing.CloseFrame;
import org.java_websocket.framing.Framedata;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.handshake.ServerHandshakeBuilder;
import org.java_websocket.server.WebSocketServer;

/**
 * A scripted RMB relay on a loopback port, written from rmb-rs's {@code relay/api.rs}: a websocket login with the
 * relay token in the URL's query, checked against the twins it knows (a bad one is refused at the handshake); binary
 * envelopes whose source must be the session's twin and session; envelope pings answered with pongs; requests for a
 * {@link FakeTwin} handed to its script, for a connected twin forwarded, and for anything else answered with an unsigned
 * error envelope without source, as rmb-rs does. Tests can refuse logins, drop every connection, stop answering
 * websocket pings, and send any bytes they like.
 */
public final class ScriptedRelay extends WebSocketServer implements AutoCloseable {
    /** What a fake twin does with a request. */
    @FunctionalInterface
    public interface Script {
        void on(Received request, Responder out);
    }

    /**
     * A request as a fake twin got it.
     *
     * @param envelope  as it came (signed, maybe encrypted)
     * @param body      the plain body (decrypted when it came encrypted)
     * @param encrypted whether it came encrypted
     * @param verified  whether its signature verified with the sender twin's key
     */
    public record Received(Envelope envelope, byte[] body, boolean encrypted, boolean verified) {
        /** The command. */
        public String command() {
            return ((Envelope.Request) envelope.message()).command();
        }

        /** The body as text. */
        public String text() {
            return new String(body, java.nio.charset.StandardCharsets.UTF_8);
        }
    }

    /**
     * A login the relay accepted.
     *
     * @param claims the token's claims
     * @param atNanos when ({@link System#nanoTime()})
     */
    public record Login(RelayToken.Claims claims, long atNanos) {
    }

    /** A twin the relay serves itself (a zos node, say): its key, its e2e key (or none) and its script. */
    public static final class FakeTwin {
        private final long twin;
        private final Ed25519KeyPair key;
        private final E2eKey e2e;
        private volatile Script script;

        FakeTwin(long twin, Ed25519KeyPair key, boolean withE2e, Script script) {
            this.twin = twin;
            this.key = key;
            this.e2e = withE2e ? E2eKey.of(key) : null;
            this.script = script;
        }

        /** Its keys as a client looks them up. */
        public TwinKey twinKey() {
            return new TwinKey(key.publicKey(), Optional.ofNullable(e2e).map(E2eKey::publicKey));
        }

        /** Its twin id. */
        public long twin() {
            return twin;
        }

        /** Its signing key. */
        public Ed25519KeyPair key() {
            return key;
        }

        /** Replaces its script. */
        public void script(Script s) {
            this.script = s;
        }
    }

    /** How a fake twin answers one request. */
    public final class Responder {
        private final WebSocket conn;
        private final Envelope request;
        private final FakeTwin self;

        Responder(WebSocket conn, Envelope request, FakeTwin self) {
            this.conn = conn;
            this.request = request;
            this.self = self;
        }

        /** The response envelope as a zos node sends it: signed; encrypted when both twins have e2e keys. */
        public Envelope response(byte[] body) {
            Envelope plain = request.reply(body, System.currentTimeMillis() / 1000);
            return encryptedIfPossible(plain).signed(self.key);
        }

        /** The error envelope as a zos node sends it (rmb-sdk-go: code 0, the message, a null body), signed. */
        public Envelope error(String message) {
            Envelope e = request.errorReply(0, message, System.currentTimeMillis() / 1000);
            Envelope withBody = new Envelope(e.uid(), null, e.timestamp(), e.expiration(), e.source(),
                    e.destination(), e.message(), null, Envelope.JSON, null, new Envelope.Plain("null".getBytes()),
                    List.of());
            return encryptedIfPossible(withBody).signed(self.key);
        }

        private Envelope encryptedIfPossible(Envelope e) {
            TwinKey client = twins.get(request.source().twin());
            if (self.e2e == null || client == null || client.e2eKey().isEmpty()) {
                return e;
            }
            byte[] cipher = self.e2e.encrypt(client.e2eKey().get(), e.payload().bytes(), random);
            return new Envelope(e.uid(), e.tags(), e.timestamp(), e.expiration(), e.source(), e.destination(),
                    e.message(), null, e.schema(), e.federation(), new Envelope.Cipher(cipher), e.relays());
        }

        /** Sends the response. */
        public void reply(String json) {
            send(response(json.getBytes(java.nio.charset.StandardCharsets.UTF_8)).toBytes());
        }

        /** Sends the error. */
        public void fail(String message) {
            send(error(message).toBytes());
        }

        /** Sends any bytes back to the requester's connection. */
        public void send(byte[] frame) {
            if (conn.isOpen()) {
                conn.send(frame);
            }
        }

        /** Runs later, off the relay's thread. */
        public void later(Duration delay, Runnable action) {
            scheduler.schedule(action, delay.toMillis(), TimeUnit.MILLISECONDS);
        }

        /** The request. */
        public Envelope request() {
            return request;
        }
    }

    private final Map<Long, TwinKey> twins = new ConcurrentHashMap<>();
    private final Map<Long, FakeTwin> fakes = new ConcurrentHashMap<>();
    private final List<Login> logins = new CopyOnWriteArrayList<>();
    private final List<Long> attempts = new CopyOnWriteArrayList<>();
    private final List<String> refusedLogins = new CopyOnWriteArrayList<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final List<Envelope> fromClients = new CopyOnWriteArrayList<>();
    private final AtomicInteger pongs = new AtomicInteger();
    private final AtomicInteger pingsSeen = new AtomicInteger();
    private volatile WriteDemands writeDemands;
    private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, r -> {
        Thread t = new Thread(r, "scripted-relay");
        t.setDaemon(true);
        return t;
    });
    private final SecureRandom random = new SecureRandom();
    private final CountDownLatch started = new CountDownLatch(1);
    private volatile boolean refuseLogins;
    private volatile boolean silent;

    private ScriptedRelay() {
        super(new InetSocketAddress("127.0.0.1", 0));
        setReuseAddr(true);
        setConnectionLostTimeout(0);
    }

    /** A relay listening on a free loopback port. */
    public static ScriptedRelay start(Map<Long, TwinKey> clientTwins) throws InterruptedException {
        ScriptedRelay relay = new ScriptedRelay();
        relay.twins.putAll(clientTwins);
        relay.writeDemands = WriteDemands.watch(relay, "scripted-relay");
        relay.start();
        if (!relay.started.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the scripted relay did not start");
        }
        return relay;
    }

    /** Its URL, {@code ws://127.0.0.1:port/}. */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + getPort() + "/");
    }

    /** Adds a twin the relay serves with a script; the client must know its keys ({@link FakeTwin#twinKey()}). */
    public FakeTwin fakeTwin(long twin, Ed25519KeyPair key, boolean withE2e, Script script) {
        FakeTwin fake = new FakeTwin(twin, key, withE2e, script);
        fakes.put(twin, fake);
        twins.put(twin, fake.twinKey());
        return fake;
    }

    /** Lets (false) or refuses (true) logins from now on; refused ones are answered at the handshake. */
    public void refuseLogins(boolean refuse) {
        this.refuseLogins = refuse;
    }

    /** Stops (true) or resumes answering websocket pings. */
    public void silent(boolean beSilent) {
        this.silent = beSilent;
    }

    /** Drops every client connection without a close handshake. */
    public void dropConnections() {
        for (WebSocket c : getConnections()) {
            c.closeConnection(CloseFrame.ABNORMAL_CLOSE, "dropped by the test");
        }
    }

    /** Sends bytes to every client connection. */
    public void sendToClients(byte[] frame) {
        for (WebSocket c : getConnections()) {
            c.send(frame);
        }
    }

    /** Pings every client connection (websocket ping). */
    public void pingClients() {
        for (WebSocket c : getConnections()) {
            c.sendPing();
        }
    }

    /** Pongs received from clients. */
    public int pongs() {
        return pongs.get();
    }

    /** Websocket pings received from clients. */
    public int pingsSeen() {
        return pingsSeen.get();
    }

    /** Accepted logins, in order. */
    public List<Login> logins() {
        return List.copyOf(logins);
    }

    /** When each login was attempted ({@link System#nanoTime()}), accepted or not. */
    public List<Long> attempts() {
        return List.copyOf(attempts);
    }

    /** Why logins were refused. */
    public List<String> refusedLogins() {
        return List.copyOf(refusedLogins);
    }

    /** Requests the fake twins got, in order. */
    public List<Received> received() {
        return List.copyOf(received);
    }

    /** Every envelope clients sent. */
    public List<Envelope> fromClients() {
        return List.copyOf(fromClients);
    }

    /** Open client connections. */
    public int openConnections() {
        return getConnections().size();
    }

    @Override
    public ServerHandshakeBuilder onWebsocketHandshakeReceivedAsServer(WebSocket conn, Draft draft,
            ClientHandshake request) throws InvalidDataException {
        attempts.add(System.nanoTime());
        ServerHandshakeBuilder builder = super.onWebsocketHandshakeReceivedAsServer(conn, draft, request);
        if (refuseLogins) {
            refusedLogins.add("refused by the test");
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "refused by the test");
        }
        String descriptor = request.getResourceDescriptor();
        int q = descriptor.indexOf('?');
        if (q < 0) {
            refusedLogins.add("no token");
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "missing jwt");
        }
        String token = descriptor.substring(q + 1);
        try {
            RelayToken.Claims claims = RelayToken.read(token);
            TwinKey key = twins.get(claims.twin());
            if (key == null) {
                throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, "twin not found");
            }
            RelayToken.verify(token, key.accountKey(), System.currentTimeMillis() / 1000);
            conn.setAttachment(claims);
            logins.add(new Login(claims, System.nanoTime()));
        } catch (InvalidEnvelopeException e) {
            refusedLogins.add(e.getMessage());
            throw new InvalidDataException(CloseFrame.POLICY_VALIDATION, e.getMessage());
        } catch (InvalidDataException e) {
            refusedLogins.add(e.getMessage());
            throw e;
        }
        return builder;
    }

    @Override
    public void onOpen(WebSocket conn, ClientHandshake handshake) {
        // the session was registered at the handshake (the claims are the connection's attachment)
    }

    @Override
    public void onClose(WebSocket conn, int code, String reason, boolean remote) {
    }

    @Override
    public void onMessage(WebSocket conn, String message) {
        conn.close(CloseFrame.UNEXPECTED_CONDITION, "text frames are not RMB"); // rmb-rs disconnects
    }

    @Override
    public void onMessage(WebSocket conn, ByteBuffer message) {
        byte[] bytes = new byte[message.remaining()];
        message.get(bytes);
        Envelope e;
        try {
            e = Envelope.parse(bytes);
        } catch (InvalidEnvelopeException ex) {
            conn.close(CloseFrame.UNEXPECTED_CONDITION, "failed to load input message"); // fatal in rmb-rs
            return;
        }
        fromClients.add(e);
        RelayToken.Claims session = conn.getAttachment();
        if (e.source() == null || e.source().twin() != session.twin()
                || !Objects.equals(e.source().connection(), session.session())) {
            relayError(conn, e, "message wrong source");
            return;
        }
        if (e.message() instanceof Envelope.Ping) {
            Envelope pong = new Envelope(e.uid(), e.tags(), e.timestamp(), e.expiration(), e.destination(),
                    e.source(), new Envelope.Pong(), e.signature(), e.schema(), e.federation(),
                    new Envelope.Plain("hello world".getBytes()), e.relays());
            conn.send(pong.toBytes());
            return;
        }
        FakeTwin fake = e.destination() == null ? null : fakes.get(e.destination().twin());
        if (fake != null && e.message() instanceof Envelope.Request) {
            deliver(conn, e, fake);
            return;
        }
        for (WebSocket other : getConnections()) {
            RelayToken.Claims c = other.getAttachment();
            if (c != null && e.destination() != null && c.twin() == e.destination().twin()
                    && Objects.equals(c.session(), e.destination().connection())) {
                other.send(bytes);
                return;
            }
        }
        relayError(conn, e, "unknown twin destination");
    }

    private void deliver(WebSocket conn, Envelope e, FakeTwin fake) {
        TwinKey sender = twins.get(e.source().twin());
        boolean verified = sender != null && e.verifies(sender.accountKey());
        byte[] body;
        boolean encrypted = e.payload() instanceof Envelope.Cipher;
        if (encrypted) {
            if (fake.e2e == null || sender == null || sender.e2eKey().isEmpty()) {
                relayError(conn, e, "the fake twin cannot decrypt");
                return;
            }
            body = fake.e2e.decrypt(sender.e2eKey().get(), e.payload().bytes());
        } else {
            body = e.payload() == null ? new byte[0] : e.payload().bytes();
        }
        Received r = new Received(e, body, encrypted, verified);
        received.add(r);
        Responder out = new Responder(conn, e, fake);
        scheduler.execute(() -> fake.script.on(r, out));
    }

    private void relayError(WebSocket conn, Envelope request, String message) {
        if (!(request.message() instanceof Envelope.Request)) {
            return;
        }
        RelayToken.Claims session = conn.getAttachment();
        Envelope error = new Envelope(request.uid(), null, System.currentTimeMillis() / 1000, 300, null,
                new Address(session.twin(), session.session()), new Envelope.ErrorReply(0, message), null, null,
                null, null, List.of());
        conn.send(error.toBytes());
    }

    @Override
    public void onWebsocketPing(WebSocket conn, Framedata f) {
        pingsSeen.incrementAndGet();
        if (!silent) {
            super.onWebsocketPing(conn, f);
        }
    }

    @Override
    public void onWebsocketPong(WebSocket conn, Framedata f) {
        pongs.incrementAndGet();
    }

    @Override
    public void onError(WebSocket conn, Exception ex) {
    }

    @Override
    public void onStart() {
        started.countDown();
    }

    /** Stops the relay and its scheduled replies. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        if (writeDemands != null) {
            writeDemands.close();
        }
        try {
            stop(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
