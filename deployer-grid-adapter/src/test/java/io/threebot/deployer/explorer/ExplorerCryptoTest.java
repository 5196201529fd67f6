package io.threebot.deployer.explorer;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.crypto.KeyDerivation;
import io.threebot.deployer.internal.crypto.NaCl;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/** The encryption vectors of the explorer fact sheet. */
class ExplorerCryptoTest {
    private static final HexFormat HEX = HexFormat.of();
    private final byte[] userSeed = KeyDerivation.legacy().seed("x", "secret");
    private final byte[] nodeSeed = KeyDerivation.legacy().seed("x", "mypassword123");
    private final IdentityKeys user = IdentityKeys.fromSeed(userSeed);
    private final IdentityKeys node = IdentityKeys.fromSeed(nodeSeed);

    @Test
    void curveKeysMatchTheVectors() {
        assertThat(HEX.formatHex(NaCl.curvePublicKey(user.publicKey())))
                .isEqualTo("461b28c4bd3e1c98aa085c6931ab618b289fab404c015218af0b05e2d38b1516");
        assertThat(HEX.formatHex(NaCl.curvePublicKey(node.publicKey())))
                .isEqualTo("f02efe9d8d0e0453e29e4053bd95a011e28f92b16106b5924e3307ad2b057075");
        assertThat(NaCl.curvePublicKeyOf(NaCl.curvePrivateKey(userSeed)))
                .isEqualTo(NaCl.curvePublicKey(user.publicKey()));
    }

    @Test
    void nodeSecretKeyMatchesTheVector() {
        byte[] shared = NaCl.x25519(NaCl.curvePrivateKey(userSeed), NaCl.curvePublicKey(node.publicKey()));
        assertThat(HEX.formatHex(shared))
                .isEqualTo("7eca9bf0c78ed93431260deeb212eb2b9ce906f3bb0207b6d2dd6a7cb55c7646");
        assertThat(HEX.formatHex(ExplorerCrypto.nodeKey(user, node.publicKey())))
                .isEqualTo("97ca71f028fb6fba825b1b4b1e32b9beb69f178b58cf5eb0c86a84fd9e4a549a");
    }

    @Test
    void aNodeOpensWhatWasEncryptedForIt() {
        String hex = ExplorerCrypto.encryptForNode(user, node.publicKey(), "TRC secret");
        assertThat(HEX.parseHex(hex)).hasSize(24 + 16 + "TRC secret".length());
        assertThat(ExplorerCrypto.decryptOnNode(nodeSeed, user.publicKey(), hex)).isEqualTo("TRC secret");
        assertThat(ExplorerCrypto.encryptForNode(user, node.publicKey(), "TRC secret")).isNotEqualTo(hex);
    }

    @Test
    void sealedBoxesOpenWithTheNodesCurveKey() {
        String sealed = ExplorerCrypto.sealForNode(node.publicKey(), "cHJpdmF0ZQ==");
        byte[] opened = NaCl.openSealedBox(NaCl.curvePrivateKey(nodeSeed), HEX.parseHex(sealed));
        assertThat(new String(opened, StandardCharsets.US_ASCII)).isEqualTo("cHJpdmF0ZQ==");
    }

    @Test
    void metadataIsReadableByItsIdentityOnly() {
        String encrypted = ExplorerCrypto.encryptMetadata(user, "{\"owner\":\"alice.3bot\"}");
        assertThat(ExplorerCrypto.decryptMetadata(user, encrypted)).isEqualTo("{\"owner\":\"alice.3bot\"}");
        assertThat(ExplorerCrypto.decryptMetadata(node, encrypted)).isEqualTo("{}");
        assertThat(ExplorerCrypto.decryptMetadata(user, "not base85 at all \u00e9")).isEqualTo("{}");
    }

    @Test
    void base85MatchesPython() {
        assertThat(Base85.encode("hello".getBytes(StandardCharsets.US_ASCII))).isEqualTo("Xk~0{Zv");
        assertThat(Base85.encode(new byte[] {0, 0, 0, 0, (byte) 0xff})).isEqualTo("00000{{");
        assertThat(Base85.decode("Xk~0{Zv")).isEqualTo("hello".getBytes(StandardCharsets.US_ASCII));
        byte[] random = new byte[37];
        new java.util.Random(1).nextBytes(random);
        assertThat(Base85.decode(Base85.encode(random))).isEqualTo(random);
    }

    @Test
    void hsalsa20MatchesTheNaClTestVector() {
        // the crypto_box test of NaCl: Alice's secret key and Bob's public key give this shared key
        byte[] aliceSk = HEX.parseHex("77076d0a7318a57d3c16c17251b26645df4c2f87ebc0992ab177fba51db92c2a");
        byte[] bobPk = HEX.parseHex("de9edb7d7b7dc1b4d35b61c2ece435373f8343c85b78674dadfc7e146f882b4f");
        assertThat(HEX.formatHex(NaCl.boxKey(aliceSk, bobPk)))
                .isEqualTo("1b27556473e985d462cd51197a9a46c76009549eac6474f206c4ee0844f68389");
    }
}
