package io.threebot.deployer.tfgrid.rmb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.threebot.deployer.tfgrid.PolkadotOracle;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.keys.Mnemonic;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * End-to-end encryption against {@code @threefold/rmb_direct_client} (through {@code zos-rmb-oracle.js}), over seeded
 * random twins and bodies: the same secp256k1 public key from the same secret (mnemonic or hex seed), the same shared
 * key, bodies this side encrypts opened by the TS client, bodies the TS client encrypts opened here, and a body changed
 * on the way refused by both.
 */
class E2eOracleTest {
    private static final Random RANDOM = new Random(2211);
    private static final HexFormat HEX = HexFormat.of();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int CASES = 60;
    private static final int TAMPERED = 10;

    private record Case(String secretA, E2eKey a, String secretB, E2eKey b, byte[] plain, byte[] ours) {
    }

    private static final List<Case> CASES_SENT = new ArrayList<>();
    private static JsonNode answers;

    @BeforeAll
    static void askTheOracle() {
        ObjectNode input = JSON.createObjectNode();
        ArrayNode e2e = input.putArray("e2e");
        SecureRandom nonces = new SecureRandom();
        for (int i = 0; i < CASES + TAMPERED; i++) {
            String[] a = secret();
            String[] b = secret();
            E2eKey keyA = key(a);
            E2eKey keyB = key(b);
            byte[] plain = new byte[RANDOM.nextInt(i % 5 == 0 ? 3000 : 200)];
            RANDOM.nextBytes(plain);
            byte[] ours = keyA.encrypt(keyB.publicKey(), plain, nonces);
            if (i >= CASES) {
                ours[RANDOM.nextInt(ours.length)] ^= (byte) (1 + RANDOM.nextInt(255));
            }
            CASES_SENT.add(new Case(a[0], keyA, b[0], keyB, plain, ours));
            e2e.addObject().put("secretA", a[0]).put("secretB", b[0]).put("plain", "0x" + HEX.formatHex(plain))
                    .put("ours", "0x" + HEX.formatHex(ours));
        }
        answers = PolkadotOracle.run("zos-rmb-oracle.js", input).get("e2e");
        assertThat(answers).hasSize(CASES + TAMPERED);
    }

    /** A mnemonic phrase (and its key's seed as hex), or a 0x hex seed (twice). */
    private static String[] secret() {
        if (RANDOM.nextInt(4) == 0) {
            byte[] seed = new byte[32];
            RANDOM.nextBytes(seed);
            String hex = "0x" + HEX.formatHex(seed);
            return new String[] {hex, hex};
        }
        byte[] entropy = new byte[RANDOM.nextBoolean() ? 16 : 32];
        RANDOM.nextBytes(entropy);
        Mnemonic m = Mnemonic.fromEntropy(entropy);
        return new String[] {m.phrase(), Ed25519KeyPair.fromMnemonic(m).toHexSeed()};
    }

    private static E2eKey key(String[] secret) {
        return E2eKey.of(Ed25519KeyPair.fromHexSeed(secret[1]));
    }

    private static byte[] hex(JsonNode n) {
        String s = n.asText();
        return HEX.parseHex(s.startsWith("0x") ? s.substring(2) : s);
    }

    @Test
    void theSameSecretGivesTheSamePublicKeyAndBothSidesTheSameSharedKey() {
        for (int i = 0; i < CASES_SENT.size(); i++) {
            Case c = CASES_SENT.get(i);
            JsonNode a = answers.get(i);
            assertThat(hex(a.get("pkA"))).as("case %d", i).isEqualTo(c.a().publicKey());
            assertThat(hex(a.get("pkB"))).as("case %d", i).isEqualTo(c.b().publicKey());
            assertThat(hex(a.get("sharedAB"))).as("case %d", i).isEqualTo(c.a().sharedKey(c.b().publicKey()))
                    .isEqualTo(hex(a.get("sharedBA")));
        }
    }

    @Test
    void bodiesEncryptedHereOpenInTheTsClient() {
        for (int i = 0; i < CASES; i++) {
            assertThat(hex(answers.get(i).get("oursOpened"))).as("case %d", i).isEqualTo(CASES_SENT.get(i).plain());
        }
    }

    @Test
    void bodiesTheTsClientEncryptedOpenHere() {
        for (int i = 0; i < CASES_SENT.size(); i++) {
            Case c = CASES_SENT.get(i);
            byte[] theirs = hex(answers.get(i).get("theirs"));
            assertThat(theirs).hasSize(E2eKey.NONCE_BYTES + c.plain().length + 16);
            assertThat(c.a().decrypt(c.b().publicKey(), theirs)).as("case %d", i).isEqualTo(c.plain());
        }
    }

    @Test
    void aBodyChangedOnTheWayOpensOnNeitherSide() {
        for (int i = CASES; i < CASES + TAMPERED; i++) {
            Case c = CASES_SENT.get(i);
            assertThat(answers.get(i).get("oursOpened").isNull()).as("case %d", i).isTrue();
            assertThatThrownBy(() -> c.b().decrypt(c.a().publicKey(), c.ours()))
                    .isInstanceOf(InvalidEnvelopeException.class).hasMessageContaining("does not decrypt");
        }
    }
}
