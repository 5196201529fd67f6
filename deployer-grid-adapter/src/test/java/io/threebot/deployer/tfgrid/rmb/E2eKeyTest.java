package io.threebot.deployer.tfgrid.rmb;

import static io.threebot.deployer.tfgrid.rmb.Outcomes.done;
import static io.threebot.deployer.tfgrid.rmb.Outcomes.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * {@link E2eKey} on bad keys and bodies, and {@link PendingCalls} opening encrypted replies and taking the relay's own
 * errors; the agreement with the TS client is {@link E2eOracleTest}'s.
 */
class E2eKeyTest {
    private static final BigInteger ORDER =
            new BigInteger("FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFEBAAEDCE6AF48A03BBFD25E8CD0364141", 16);
    private static final E2eKey A = E2eKey.fromSeed(seed(1));
    private static final E2eKey B = E2eKey.fromSeed(seed(2));

    private static byte[] seed(int n) {
        byte[] s = new byte[32];
        Arrays.fill(s, (byte) n);
        return s;
    }

    @Test
    void seedsThatAreNoSecp256k1KeyAreRefused() {
        assertThatThrownBy(() -> E2eKey.fromSeed(new byte[32])).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("not a valid secp256k1 private key");
        byte[] order = ORDER.toByteArray();
        byte[] orderSeed = Arrays.copyOfRange(order, order.length - 32, order.length);
        assertThatThrownBy(() -> E2eKey.fromSeed(orderSeed)).isInstanceOf(InvalidInputException.class);
        assertThatThrownBy(() -> E2eKey.fromSeed(new byte[31])).isInstanceOf(InvalidInputException.class);
        byte[] belowOrder = ORDER.subtract(BigInteger.ONE).toByteArray();
        assertThat(E2eKey.fromSeed(Arrays.copyOfRange(belowOrder, belowOrder.length - 32, belowOrder.length))
                .publicKey()).hasSize(33);
    }

    @Test
    void peerKeysThatAreNoCurvePointAreTypedErrors() {
        byte[] offCurve = new byte[33];
        offCurve[0] = 2;
        offCurve[32] = 7; // x = 7 has no point on secp256k1
        for (byte[] bad : List.of(new byte[0], new byte[32], offCurve, new byte[65])) {
            assertThatThrownBy(() -> A.encrypt(bad, new byte[1], new SecureRandom()))
                    .isInstanceOf(InvalidEnvelopeException.class)
                    .satisfies(e -> assertThat(((DeployerException) e).field()).contains("pk"));
        }
        assertThat(E2eKey.isPublicKey(B.publicKey())).isTrue();
        assertThat(E2eKey.isPublicKey(offCurve)).isFalse();
        assertThatThrownBy(() -> TwinKey.of(new byte[32], offCurve)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void shortOrForeignBodiesDoNotDecrypt() {
        byte[] sealed = A.encrypt(B.publicKey(), "hello".getBytes(StandardCharsets.UTF_8), new SecureRandom());
        assertThat(new String(B.decrypt(A.publicKey(), sealed), StandardCharsets.UTF_8)).isEqualTo("hello");
        assertThatThrownBy(() -> B.decrypt(A.publicKey(), new byte[27])).isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("at least 28");
        E2eKey c = E2eKey.fromSeed(seed(3));
        assertThatThrownBy(() -> c.decrypt(A.publicKey(), sealed)).isInstanceOf(InvalidEnvelopeException.class)
                .hasMessageContaining("does not decrypt");
        assertThat(A.toString()).contains(HexFormat.of().formatHex(A.publicKey()));
    }

    @Test
    void pendingCallsOpenEncryptedRepliesAndTakeTheRelaysErrors() {
        io.threebot.deployer.tfgrid.keys.Ed25519KeyPair nodeKey =
                io.threebot.deployer.tfgrid.keys.Ed25519KeyPair.fromSeed(seed(9));
        E2eKey nodeE2e = E2eKey.of(nodeKey);
        PendingCalls calls = new PendingCalls(twin -> twin == 5 ? nodeKey.publicKey() : null,
                (twin, cipher) -> A.decrypt(nodeE2e.publicKey(), cipher), 8);
        Envelope req = Envelope.request("u1", Address.of(4), Address.of(5), "zos.x", new byte[0], 1, 60);
        CompletableFuture<byte[]> reply = calls.register(req, Duration.ofSeconds(10));
        byte[] cipher = nodeE2e.encrypt(A.publicKey(), "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                new SecureRandom());
        Envelope answer = req.reply(new byte[0], 2);
        Envelope encrypted = new Envelope(answer.uid(), null, 2, 60, answer.source(), answer.destination(),
                answer.message(), null, Envelope.JSON, null, new Envelope.Cipher(cipher), List.of());
        assertThat(calls.accept(encrypted.signed(nodeKey))).isEqualTo(PendingCalls.Outcome.COMPLETED);
        assertThat(new String(done(reply), StandardCharsets.UTF_8)).isEqualTo("{\"a\":1}");

        Envelope req2 = Envelope.request("u2", Address.of(4), Address.of(5), "zos.x", new byte[0], 1, 60);
        CompletableFuture<byte[]> refused = calls.register(req2, Duration.ofSeconds(10));
        Envelope relayError = new Envelope("u2", null, 3, 300, null, Address.of(4),
                new Envelope.ErrorReply(0, "unknown twin destination"), null, null, null, null, List.of());
        Envelope relayNonError = new Envelope("u2", null, 3, 300, null, Address.of(4), new Envelope.Response(), null,
                null, null, null, List.of());
        assertThat(calls.accept(relayNonError)).isEqualTo(PendingCalls.Outcome.REFUSED);
        assertThat(calls.accept(relayError)).isEqualTo(PendingCalls.Outcome.RELAY_ERROR);
        assertThat(failure(refused)).isInstanceOf(RmbRelayErrorException.class)
                .hasMessageContaining("unknown twin destination");
        assertThat(calls.accept(relayError)).isEqualTo(PendingCalls.Outcome.UNKNOWN);
        assertThat(calls.pending()).isZero();
    }
}
