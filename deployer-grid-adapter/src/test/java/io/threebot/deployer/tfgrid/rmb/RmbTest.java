package io.threebot.deployer.tfgrid.rmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Envelope decoding of hostile bytes, replies matched by uid, and relay tokens refused when they should be. */
class RmbTest {
    private static final Ed25519KeyPair ME = Ed25519KeyPair.fromHexSeed("0x" + "01".repeat(32));
    private static final Ed25519KeyPair NODE = Ed25519KeyPair.fromHexSeed("0x" + "02".repeat(32));
    private static final long MY_TWIN = 11;
    private static final long NODE_TWIN = 22;

    private static byte[] keyOf(long twin) {
        return twin == MY_TWIN ? ME.publicKey() : twin == NODE_TWIN ? NODE.publicKey() : null;
    }

    private static Envelope request(String uid) {
        return Envelope.request(uid, Address.of(MY_TWIN), Address.of(NODE_TWIN), "zos.deployment.get",
                "{\"contract_id\":1}".getBytes(StandardCharsets.UTF_8), 1_700_000_000L, 300).signed(ME);
    }

    @Test
    void hostileBytesAreTypedErrorsNeverHangs() {
        Random random = new Random(7);
        byte[] good = request("u").toBytes();
        for (int i = 0; i < 2000; i++) {
            byte[] b = good.clone();
            if (i % 3 == 0) {
                b = new byte[random.nextInt(64)];
                random.nextBytes(b);
            } else {
                b[random.nextInt(b.length)] ^= (byte) (1 << random.nextInt(8));
                if (i % 3 == 2) {
                    b = java.util.Arrays.copyOf(b, random.nextInt(b.length));
                }
            }
            byte[] bytes = b;
            try {
                Envelope e = Envelope.parse(bytes);
                assertThat(e.verifies(ME.publicKey())).isIn(true, false);
            } catch (DeployerException e) {
                assertThat(e.reason()).isEqualTo(DeployerException.Reason.INVALID_INPUT);
            }
        }
        // deeply nested groups, a length past the end, invalid UTF-8 in a string, and too many bytes
        assertThatThrownBy(() -> Envelope.parse(new byte[] {0x2a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f}))
                .isInstanceOf(InvalidEnvelopeException.class);
        assertThatThrownBy(() -> Envelope.parse(new byte[] {0x0a, 0x02, (byte) 0xc3, 0x28}))
                .isInstanceOf(InvalidEnvelopeException.class);
        byte[] groups = new byte[20_000];
        java.util.Arrays.fill(groups, (byte) 0x9b); // field 19, start group, again and again
        assertThatThrownBy(() -> Envelope.parse(groups)).isInstanceOf(InvalidEnvelopeException.class);
        assertThatThrownBy(() -> Envelope.parse(new byte[Envelope.MAX_BYTES + 1]))
                .isInstanceOf(InvalidEnvelopeException.class);
        assertThatThrownBy(() -> Envelope.parse(null)).isInstanceOf(InvalidEnvelopeException.class);
    }

    @Test
    void signaturesAreCheckedStrictly() {
        Envelope signed = request("u1");
        assertThat(Envelope.parse(signed.toBytes())).isEqualTo(signed);
        signed.verify(ME.publicKey());
        assertThat(signed.signature()[0]).isEqualTo((byte) 'e');
        assertThat(signed.verifies(NODE.publicKey())).isFalse();
        assertThatThrownBy(() -> signed.withSignature(null).verify(ME.publicKey()))
                .hasMessageContaining("not signed");
        byte[] sr = signed.signature();
        sr[0] = 's';
        assertThatThrownBy(() -> signed.withSignature(sr).verify(ME.publicKey())).hasMessageContaining("sr25519");
        assertThatThrownBy(() -> signed.withSignature(new byte[64]).verify(ME.publicKey()))
                .hasMessageContaining("65 bytes");
        assertThat(signed.verifies(new byte[3])).isFalse();
        assertThat(signed.expiredAt(1_700_000_299L)).isFalse();
        assertThat(signed.expiredAt(1_700_000_300L)).isTrue();
    }

    @Test
    void repliesAreMatchedByUidFromTheRightTwinAndSigned() throws Exception {
        PendingCalls calls = new PendingCalls(RmbTest::keyOf, 4);
        Envelope req = request("r1");
        CompletableFuture<byte[]> reply = calls.register(req, Duration.ofSeconds(10));
        assertThatThrownBy(() -> calls.register(req, Duration.ofSeconds(10))).isInstanceOf(InvalidEnvelopeException.class);
        Envelope answer = req.reply("{\"ok\":true}".getBytes(StandardCharsets.UTF_8), 1_700_000_001L);
        assertThat(calls.accept(answer)).isEqualTo(PendingCalls.Outcome.REFUSED); // unsigned
        assertThat(calls.accept(answer.signed(ME))).isEqualTo(PendingCalls.Outcome.REFUSED); // not the node's key
        Envelope forged = new Envelope("r1", null, 1, 300, Address.of(33), Address.of(MY_TWIN),
                new Envelope.Response(), null, Envelope.JSON, null, new Envelope.Plain(new byte[0]), List.of());
        assertThat(calls.accept(forged.signed(NODE))).isEqualTo(PendingCalls.Outcome.REFUSED); // wrong sender
        assertThat(calls.accept(req)).isEqualTo(PendingCalls.Outcome.REFUSED); // a request is no reply
        assertThat(calls.accept(request("other"))).isEqualTo(PendingCalls.Outcome.UNKNOWN);
        assertThat(reply).isNotDone();
        assertThat(calls.accept(answer.signed(NODE))).isEqualTo(PendingCalls.Outcome.COMPLETED);
        assertThat(new String(reply.get(1, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("{\"ok\":true}");
        assertThat(calls.accept(answer.signed(NODE))).isEqualTo(PendingCalls.Outcome.UNKNOWN);
        assertThat(calls.pending()).isZero();

        Envelope req2 = request("r2");
        CompletableFuture<byte[]> failed = calls.register(req2, Duration.ofSeconds(10));
        assertThat(calls.accept(req2.errorReply(404, "no such contract", 2).signed(NODE)))
                .isEqualTo(PendingCalls.Outcome.FAILED);
        assertThatThrownBy(() -> failed.get(1, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(RmbErrorReplyException.class).hasMessageContaining("404");

        CompletableFuture<byte[]> late = calls.register(request("r3"), Duration.ofMillis(50));
        assertThatThrownBy(() -> late.get(5, TimeUnit.SECONDS)).cause().isInstanceOf(RmbTimeoutException.class);
        assertThat(calls.pending()).isZero();

        for (int i = 0; i < 4; i++) {
            calls.register(request("fill" + i), Duration.ofSeconds(10));
        }
        assertThatThrownBy(() -> calls.register(request("one too many"), Duration.ofSeconds(10)))
                .isInstanceOf(DeployerException.class);
    }

    @Test
    void relayTokensAreRefusedWhenTheyShouldBe() {
        String token = RelayToken.create(MY_TWIN, "s1", ME, 1000, 60);
        assertThat(token.split("\\.")[0]).isEqualTo("eyJhbGciOiJSUzUxMiIsInR5cCI6IkpXVCJ9");
        assertThat(RelayToken.verify(token, ME.publicKey(), 1060))
                .isEqualTo(new RelayToken.Claims(MY_TWIN, "s1", 1000, 1060));
        assertThat(RelayToken.read(RelayToken.create(MY_TWIN, null, ME, 1, 1)).session()).isNull();
        assertThatThrownBy(() -> RelayToken.verify(token, ME.publicKey(), 1061)).hasMessageContaining("expired");
        assertThatThrownBy(() -> RelayToken.verify(token, NODE.publicKey(), 1000))
                .hasMessageContaining("does not verify");
        String[] parts = token.split("\\.");
        String otherClaims = Base64.getUrlEncoder().withoutPadding().encodeToString(
                ("{\"sub\":" + NODE_TWIN + ",\"iat\":1000,\"exp\":1060}").getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> RelayToken.verify(parts[0] + "." + otherClaims + "." + parts[2], ME.publicKey(), 1000))
                .isInstanceOf(InvalidEnvelopeException.class);
        for (String bad : List.of("", "a.b", "a.b.c.d", "!!.e30.AA", "e30.e30.AA", parts[0] + ".e30." + parts[2],
                parts[0] + ".W10." + parts[2], "x".repeat(5000))) {
            assertThatThrownBy(() -> RelayToken.verify(bad, ME.publicKey(), 1000)).as(bad)
                    .isInstanceOf(InvalidEnvelopeException.class);
        }
        StringBuilder json = new StringBuilder();
        RelayToken.jsonString(json, "q\"\\\n\u0001é\ud800");
        assertThat(json.toString()).isEqualTo("\"q\\\"\\\\\\n\\u0001é\\ud800\"");
    }
}
