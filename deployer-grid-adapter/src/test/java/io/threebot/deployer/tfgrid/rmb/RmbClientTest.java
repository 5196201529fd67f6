package io.threebot.deployer.tfgrid.rmb;

import static io.threebot.deployer.tfgrid.rmb.Outcomes.done;
import static io.threebot.deployer.tfgrid.rmb.Outcomes.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link RmbClient} against a {@link ScriptedRelay} on loopback: what goes out (login token, signed request envelopes,
 * encrypted bodies), what comes back (replies, errors, the relay's errors, hostile and misdirected messages), deadlines,
 * and what a dropped connection does to calls (sent ones fail as outcome unknown and are not re-sent; later ones go out
 * on the next connection, after a backoff).
 */
class RmbClientTest {
    private static final long ME = 7;
    private static final long NODE = 11;
    private static final long OTHER = 12;
    private static final Ed25519KeyPair MY_KEY = key(1);
    private static final Ed25519KeyPair NODE_KEY = key(2);
    private static final Ed25519KeyPair OTHER_KEY = key(3);
    private static final Duration LONG = Duration.ofSeconds(20);

    private ScriptedRelay relay;
    private ScriptedRelay.FakeTwin node;
    private ScriptedRelay.FakeTwin other;
    private final List<RmbClient> clients = new ArrayList<>();

    private static Ed25519KeyPair key(int n) {
        byte[] seed = new byte[32];
        seed[0] = (byte) n;
        seed[31] = (byte) (n * 7);
        return Ed25519KeyPair.fromSeed(seed);
    }

    @BeforeEach
    void startRelay() throws Exception {
        relay = ScriptedRelay.start(Map.of(ME, TwinKey.of(MY_KEY.publicKey(), E2eKey.of(MY_KEY).publicKey())));
        node = relay.fakeTwin(NODE, NODE_KEY, true, (r, out) -> out.reply("{\"echo\":" + quote(r.text()) + "}"));
        other = relay.fakeTwin(OTHER, OTHER_KEY, false, (r, out) -> out.reply("\"plain\""));
    }

    @AfterEach
    void stop() throws Exception {
        clients.forEach(RmbClient::close);
        relay.close();
    }

    private static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private RmbClient.Builder builder() {
        return RmbClient.builder().relay(relay.url()).twin(ME).key(MY_KEY).session("test-session")
                .twinKeys(TwinKeys.of(Map.of(NODE, node.twinKey(), OTHER, other.twinKey())))
                .backoff(Duration.ofMillis(100), Duration.ofMillis(800))
                .keepAlive(Duration.ofSeconds(1), Duration.ofSeconds(30));
    }

    private RmbClient client(RmbClient.Builder b) {
        RmbClient c = b.build();
        clients.add(c);
        return c;
    }

    private RmbClient connectedClient() {
        RmbClient c = client(builder());
        c.connected().orTimeout(10, TimeUnit.SECONDS).join();
        return c;
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static String text(CompletableFuture<byte[]> f) {
        return new String(done(f), StandardCharsets.UTF_8);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > end) {
                throw new AssertionError("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Test
    void logsInWithATokenTheRelayVerifiesAndSendsASignedEncryptedRequest() {
        RmbClient c = connectedClient();
        long before = System.currentTimeMillis() / 1000;

        String reply = text(c.call(NODE, "zos.deployment.get", utf8("{\"contract_id\":42}"), Duration.ofSeconds(90)));

        assertThat(reply).isEqualTo("{\"echo\":\"{\\\"contract_id\\\":42}\"}");
        assertThat(relay.logins()).hasSize(1);
        RelayToken.Claims claims = relay.logins().get(0).claims();
        assertThat(claims.twin()).isEqualTo(ME);
        assertThat(claims.session()).isEqualTo("test-session");
        assertThat(claims.expiresAt()).isGreaterThan(claims.issuedAt());

        ScriptedRelay.Received got = relay.received().get(0);
        Envelope sent = got.envelope();
        assertThat(got.verified()).as("signed with the twin's key").isTrue();
        assertThat(got.encrypted()).as("the node has an e2e key").isTrue();
        assertThat(got.text()).isEqualTo("{\"contract_id\":42}");
        assertThat(sent.source()).isEqualTo(new Address(ME, "test-session"));
        assertThat(sent.destination()).isEqualTo(Address.of(NODE));
        assertThat(sent.message()).isEqualTo(new Envelope.Request("zos.deployment.get"));
        assertThat(sent.schema()).isEqualTo(Envelope.JSON);
        assertThat(sent.expiration()).isEqualTo(90);
        assertThat(sent.timestamp()).isBetween(before, before + 60);
        assertThat(sent.relays()).containsExactly(relay.url().getAuthority());
        assertThat(sent.uid()).matches("[0-9a-f-]{36}");
        byte[] cipher = sent.payload().bytes();
        assertThat(cipher).hasSize(E2eKey.NONCE_BYTES + 18 + 16);
        assertThat(new String(cipher, StandardCharsets.ISO_8859_1)).doesNotContain("contract_id");
    }

    @Test
    void sendsPlainBodiesToTwinsWithoutAnE2eKeyAndWhenEncryptionIsOff() {
        RmbClient c = connectedClient();
        assertThat(text(c.call(OTHER, "x.y", utf8("[1]"), LONG))).isEqualTo("\"plain\"");
        assertThat(relay.received().get(0).encrypted()).isFalse();
        assertThat(relay.received().get(0).envelope().payload()).isEqualTo(new Envelope.Plain(utf8("[1]")));

        RmbClient plain = client(builder().encrypt(false).session("plain-session"));
        assertThat(text(plain.call(NODE, "x.y", utf8("[2]"), LONG))).isEqualTo("{\"echo\":\"[2]\"}");
        assertThat(relay.received().get(1).encrypted()).isFalse();
        // the node still answers encrypted (the client's twin has an e2e key): the client opened it
    }

    @Test
    void encryptedRepliesAreOpenedAndOnesThatDoNotOpenFailTheCallTyped() {
        RmbClient c = connectedClient();
        node.script((r, out) -> out.reply("{\"secret\":true}"));
        assertThat(text(c.call(NODE, "a.b", utf8("{}"), LONG))).isEqualTo("{\"secret\":true}");

        node.script((r, out) -> {
            Envelope good = out.response(utf8("{\"x\":1}"));
            byte[] cipher = good.payload().bytes();
            cipher[cipher.length - 1] ^= 1; // the tag no longer matches, and it is signed again by the node
            Envelope tampered = new Envelope(good.uid(), null, good.timestamp(), good.expiration(), good.source(),
                    good.destination(), good.message(), null, good.schema(), null, new Envelope.Cipher(cipher),
                    List.of()).signed(NODE_KEY);
            out.send(tampered.toBytes());
        });
        Throwable t = failure(c.call(NODE, "a.b", utf8("{}"), LONG));
        assertThat(t).isInstanceOf(InvalidEnvelopeException.class).hasMessageContaining("does not decrypt");
        assertThat(((DeployerException) t).field()).contains("cipher");
    }

    @Test
    void anErrorReplyFailsTheCallWithThePeersMessage() {
        RmbClient c = connectedClient();
        node.script((r, out) -> out.fail("deployment not found"));
        Throwable t = failure(c.call(NODE, "zos.deployment.get", utf8("{}"), LONG));
        assertThat(t).isInstanceOf(RmbErrorReplyException.class);
        assertThat(((RmbErrorReplyException) t).remoteMessage()).isEqualTo("deployment not found");
        assertThat(((DeployerException) t).reason()).isEqualTo(DeployerException.Reason.UNAVAILABLE);
    }

    @Test
    void theRelaysOwnErrorFailsTheCallWithItsMessage() {
        RmbClient c = client(builder().twinKeys(TwinKeys.of(Map.of(NODE, node.twinKey(), 99L,
                TwinKey.of(OTHER_KEY.publicKey())))));
        Throwable t = failure(c.call(99, "zos.statistics.get", new byte[0], LONG));
        assertThat(t).isInstanceOf(RmbRelayErrorException.class);
        assertThat(((RmbRelayErrorException) t).relayMessage()).isEqualTo("unknown twin destination");
    }

    @Test
    void aTwinTheLookupDoesNotKnowIsNotFoundAndALookupFailureIsTyped() {
        RmbClient c = connectedClient();
        Throwable t = failure(c.call(500, "a.b", new byte[0], LONG));
        assertThat(t).isInstanceOf(UnknownTwinException.class);
        assertThat(((DeployerException) t).reason()).isEqualTo(DeployerException.Reason.NOT_FOUND);

        RmbClient broken = client(builder().session("broken").twinKeys(twin -> {
            throw new IllegalStateException("chain down");
        }));
        Throwable u = failure(broken.call(NODE, "a.b", new byte[0], LONG));
        assertThat(u).isExactlyInstanceOf(DeployerException.class).hasMessageContaining("looking up twin 11")
                .hasRootCauseMessage("chain down");
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void repliesFromTheWrongTwinUnsignedOrGarbledAreIgnoredAndTheRightOneStillCompletes() {
        RmbClient c = connectedClient();
        node.script((r, out) -> {
            Envelope right = out.response(utf8("\"right\""));
            // the same reply claimed by another twin, signed by it
            out.send(new Envelope(right.uid(), null, right.timestamp(), right.expiration(), Address.of(OTHER),
                    right.destination(), right.message(), null, right.schema(), null, right.payload(), List.of())
                    .signed(OTHER_KEY).toBytes());
            // from the node, signed by another key
            out.send(right.withSignature(null).signed(OTHER_KEY).toBytes());
            // unsigned
            out.send(right.withSignature(null).toBytes());
            // not an envelope at all
            out.send(new byte[] {(byte) 0xff, 0x01, 0x02});
            // a request for us: we serve none
            out.send(Envelope.request("x", Address.of(NODE), Address.of(ME), "zos.x", new byte[0], 1, 60)
                    .signed(NODE_KEY).toBytes());
            out.later(Duration.ofMillis(200), () -> out.send(right.toBytes()));
        });
        assertThat(text(c.call(NODE, "a.b", utf8("{}"), LONG))).isEqualTo("\"right\"");
        assertThat(c.isConnected()).isTrue();
    }

    @Test
    void onlyWrongRepliesMeanTheCallTimesOutAtItsDeadline() {
        RmbClient c = connectedClient();
        node.script((r, out) -> out.send(out.response(utf8("1")).withSignature(null).signed(OTHER_KEY).toBytes()));
        long start = System.nanoTime();
        Throwable t = failure(c.call(NODE, "zos.deployment.changes", utf8("{}"), Duration.ofMillis(700)));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(t).isInstanceOf(RmbTimeoutException.class).hasMessageContaining("zos.deployment.changes");
        assertThat(tookMs).isGreaterThanOrEqualTo(650);
    }

    @Test
    void aSilentPeerMeansATimeoutAtTheDeadlineNotAHang() {
        RmbClient c = connectedClient();
        node.script((r, out) -> { });
        long start = System.nanoTime();
        Throwable t = failure(c.call(NODE, "zos.statistics.get", new byte[0], Duration.ofMillis(500)));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertThat(t).isInstanceOf(RmbTimeoutException.class);
        assertThat(tookMs).isBetween(450L, 10_000L);
        assertThat(relay.received()).hasSize(1);
    }

    @Test
    void anOversizedMessageIsDroppedAndTheConnectionKeepsServing() throws Exception {
        RmbClient c = client(builder().maxMessageBytes(64 * 1024));
        c.connected().orTimeout(10, TimeUnit.SECONDS).join();
        node.script((r, out) -> {
            Envelope huge = out.response(new byte[200 * 1024]);
            out.send(huge.toBytes());
        });
        CompletableFuture<byte[]> dropped = c.call(NODE, "big", utf8("{}"), Duration.ofMillis(1500));
        assertThat(failure(dropped)).isInstanceOf(RmbTimeoutException.class);
        relay.sendToClients(new byte[100 * 1024]);

        node.script((r, out) -> out.reply("\"small\""));
        assertThat(text(c.call(NODE, "small", utf8("{}"), LONG))).isEqualTo("\"small\"");
        assertThat(relay.logins()).hasSize(1);
    }

    @Test
    void aDropFailsTheSentRequestAsOutcomeUnknownNeverResendsItAndLaterCallsSucceed() throws Exception {
        RmbClient c = connectedClient();
        node.script((r, out) -> { }); // holds the request
        CompletableFuture<byte[]> inFlight = c.call(NODE, "zos.deployment.deploy", utf8("{\"v\":1}"), LONG);
        await(() -> relay.received().size() == 1, "the node got the request");

        long dropAt = System.nanoTime();
        relay.dropConnections();
        Throwable t = failure(inFlight);
        long failedAfterMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - dropAt);
        assertThat(t).isInstanceOf(RmbConnectionLostException.class)
                .hasMessageContaining("zos.deployment.deploy to twin 11")
                .hasMessageContaining("not known");
        assertThat(failedAfterMs).as("failed on the drop, not at the deadline").isLessThan(10_000);

        await(() -> relay.logins().size() == 2, "the client logged in again");
        node.script((r, out) -> out.reply("\"again\""));
        assertThat(text(c.call(NODE, "zos.deployment.get", utf8("{}"), LONG))).isEqualTo("\"again\"");
        assertThat(relay.received()).extracting(ScriptedRelay.Received::command)
                .containsExactly("zos.deployment.deploy", "zos.deployment.get");
        assertThat(c.connectionsOpened()).isEqualTo(2);
    }

    @Test
    void reconnectsWithGrowingCappedBackoffAndSendsWaitingCallsOnceConnected() throws Exception {
        RmbClient c = connectedClient();
        relay.refuseLogins(true);
        relay.dropConnections();
        await(() -> relay.attempts().size() >= 7, "several refused attempts");
        // a call made while no relay takes us waits, unsent, for the next connection
        CompletableFuture<byte[]> waiting = c.call(NODE, "zos.network.list_wg_ports", new byte[0], LONG);
        Thread.sleep(300);
        assertThat(waiting).isNotDone();
        assertThat(relay.received()).isEmpty();
        relay.refuseLogins(false);
        assertThat(text(waiting)).isEqualTo("{\"echo\":\"\"}");

        List<Long> at = relay.attempts();
        List<Long> gaps = new ArrayList<>();
        for (int i = 2; i < 7; i++) {
            gaps.add(TimeUnit.NANOSECONDS.toMillis(at.get(i) - at.get(i - 1)));
        }
        // the drop waits 100 ms, then each refusal doubles the wait up to 800 ms: 200, 400, 800, 800, 800, each
        // scaled by a jitter between one half and one (a loaded machine only makes them longer)
        assertThat(gaps.get(0)).isGreaterThanOrEqualTo(90);
        assertThat(gaps.get(1)).isGreaterThanOrEqualTo(190);
        assertThat(gaps.get(2)).isGreaterThanOrEqualTo(380);
        assertThat(gaps.get(3)).isGreaterThanOrEqualTo(380);
        assertThat(gaps.get(4)).isGreaterThanOrEqualTo(380);
        assertThat(relay.received()).hasSize(1);
    }

    @Test
    void backoffDoublesFromTheFirstWaitUpToTheLongestWithJitterBetweenHalfAndOne() {
        Duration min = Duration.ofMillis(500);
        Duration max = Duration.ofSeconds(30);
        assertThat(RmbClient.backoff(1, min, max, 0.999999)).isEqualTo(Duration.ofMillis(499));
        assertThat(RmbClient.backoff(1, min, max, 0)).isEqualTo(Duration.ofMillis(250));
        assertThat(RmbClient.backoff(4, min, max, 0.999999)).isEqualTo(Duration.ofMillis(3999));
        assertThat(RmbClient.backoff(7, min, max, 0)).isEqualTo(Duration.ofSeconds(15));
        assertThat(RmbClient.backoff(1000, min, max, 0.999999)).isEqualTo(Duration.ofMillis(29_999));
    }

    @Test
    void aCallWithNoConnectionByItsDeadlineIsNotSentAndSaysSo() throws Exception {
        relay.refuseLogins(true);
        RmbClient c = client(builder());
        Throwable t = failure(c.call(NODE, "zos.deployment.deploy", utf8("{}"), Duration.ofMillis(600)));
        assertThat(t).isInstanceOf(RmbNotSentException.class).hasMessageContaining("was not sent");
        assertThat(relay.received()).isEmpty();
        assertThat(relay.refusedLogins()).isNotEmpty();
    }

    @Test
    void aTokenTheRelayRefusesMeansNoConnectionNotAHang() throws Exception {
        // the relay knows another key for this twin: every login is refused
        ScriptedRelay strict = ScriptedRelay.start(Map.of(ME, TwinKey.of(OTHER_KEY.publicKey())));
        try (RmbClient c = RmbClient.builder().relay(strict.url()).twin(ME).key(MY_KEY)
                .twinKeys(TwinKeys.of(Map.of(NODE, node.twinKey()))).backoff(Duration.ofMillis(50), Duration.ofMillis(100))
                .build()) {
            Throwable t = failure(c.call(NODE, "a.b", new byte[0], Duration.ofMillis(800)));
            assertThat(t).isInstanceOf(RmbNotSentException.class);
            await(() -> !strict.refusedLogins().isEmpty(), "the relay refused a login");
            assertThat(strict.refusedLogins()).first().asString().contains("does not verify");
            assertThat(strict.logins()).isEmpty();
            assertThat(c.isConnected()).isFalse();
        } finally {
            strict.close();
        }
    }

    @Test
    void answersTheRelaysPingsAndReconnectsWhenTheRelayFallsSilent() throws Exception {
        RmbClient c = client(builder().keepAlive(Duration.ofMillis(150), Duration.ofMillis(2500)));
        c.connected().orTimeout(10, TimeUnit.SECONDS).join();
        relay.pingClients();
        await(() -> relay.pongs() >= 1, "the client answered the ping");
        await(() -> relay.pingsSeen() >= 2, "the client pings the relay");

        int loginsBefore = relay.logins().size();
        long silentFrom = System.nanoTime();
        relay.silent(true);
        await(() -> relay.logins().size() > loginsBefore,
                "the client gave up on the silent connection and logged in again");
        // silent for the limit (counted from the last pong, heard at most one ping interval before)
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - silentFrom)).isGreaterThanOrEqualTo(2000);
        relay.silent(false);
        assertThat(text(c.call(NODE, "a.b", utf8("1"), LONG))).isEqualTo("{\"echo\":\"1\"}");
    }

    @Test
    void closingFailsWaitingCallsTypedAndLaterCallsAreNotSent() throws Exception {
        RmbClient c = connectedClient();
        node.script((r, out) -> { });
        CompletableFuture<byte[]> sent = c.call(NODE, "zos.deployment.update", utf8("{}"), LONG);
        await(() -> relay.received().size() == 1, "the node got the request");
        c.close();
        assertThat(failure(sent)).isInstanceOf(RmbConnectionLostException.class);
        assertThat(failure(c.call(NODE, "a.b", new byte[0], LONG))).isInstanceOf(RmbNotSentException.class)
                .hasMessageContaining("closed");
        await(() -> relay.openConnections() == 0, "the relay saw the connection close");
    }

    @Test
    void closingWhileALookupRunsStillEndsTheCallTyped() throws Exception {
        java.util.concurrent.CountDownLatch lookingUp = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        RmbClient c = client(builder().twinKeys(twin -> {
            lookingUp.countDown();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return Optional.of(node.twinKey());
        }));
        CompletableFuture<byte[]> call = c.call(NODE, "a.b", new byte[0], LONG);
        assertThat(lookingUp.await(10, TimeUnit.SECONDS)).isTrue();
        c.close();
        release.countDown();
        assertThat(failure(call)).isInstanceOf(RmbNotSentException.class).hasMessageContaining("closed");
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void manyConcurrentCallsAreEachAnsweredWithTheirOwnReply() {
        RmbClient c = connectedClient();
        AtomicInteger delays = new AtomicInteger();
        node.script((r, out) -> out.later(Duration.ofMillis(delays.incrementAndGet() % 7 * 10),
                () -> out.reply("{\"echo\":" + quote(r.text()) + "}")));
        List<CompletableFuture<byte[]>> calls = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            calls.add(c.call(NODE, "n", utf8("\"" + i + "\""), LONG));
        }
        for (int i = 0; i < 200; i++) {
            assertThat(text(calls.get(i))).isEqualTo("{\"echo\":\"\\\"" + i + "\\\"\"}");
        }
    }

    @Test
    void badArgumentsAreRefusedBeforeAnythingIsSent() {
        RmbClient c = connectedClient();
        assertThatThrownBy(() -> c.call(0, "a", new byte[0], LONG)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> c.call(NODE, " ", new byte[0], LONG)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> c.call(NODE, "a", new byte[0], Duration.ZERO))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> c.call(NODE, "a", new byte[0], Duration.ofHours(2)))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> c.call(NODE, "a", new byte[Envelope.MAX_BYTES], LONG))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RmbClient.builder().relay(java.net.URI.create("http://x/")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RmbClient.builder().relay(java.net.URI.create("wss://x/?a=b")))
                .isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> RmbClient.builder().relay(relay.url()).twin(ME).key(MY_KEY).build())
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("lookup");
        assertThat(relay.received()).isEmpty();
    }

    @Test
    void theE2eKeyIsTheSecp256k1KeyOfTheTwinsSeed() {
        RmbClient c = connectedClient();
        assertThat(c.e2ePublicKey()).isEqualTo(E2eKey.of(MY_KEY).publicKey());
        assertThat(c.e2ePublicKey()).hasSize(33);
        assertThat(c.e2ePublicKey()[0]).isIn((byte) 2, (byte) 3);
        assertThat(c.twin()).isEqualTo(ME);
        assertThat(c.session()).contains("test-session");
        assertThat(RmbClient.builder().relay(relay.url()).twin(ME).key(MY_KEY).twinKeys(t -> Optional.empty())
                .session(null).build()).satisfies(x -> {
                    clients.add(x);
                    assertThat(x.session()).isEmpty();
                });
        assertThat(HexFormat.of().formatHex(c.e2ePublicKey())).isNotEqualTo(HexFormat.of().formatHex(
                E2eKey.of(NODE_KEY).publicKey()));
    }
}
