package io.threebot.deployer.explorer;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.crypto.NaCl;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

/**
 * The three encryption schemes of the explorer: secrets for a node, WireGuard private keys for a node, and
 * metadata only the identity itself can read.
 */
final class ExplorerCrypto {
    private ExplorerCrypto() {
    }

    /**
     * A secret only the node can read: X25519 between the identity's and the node's curve keys, BLAKE2b-256 of the
     * result as the key of a secret box; hex of nonce ‖ MAC ‖ ciphertext.
     */
    public static String encryptForNode(IdentityKeys identity, byte[] nodeEd25519PublicKey, String plaintext) {
        return HexFormat.of().formatHex(NaCl.secretBox(nodeKey(identity, nodeEd25519PublicKey),
                plaintext.getBytes(StandardCharsets.UTF_8)));
    }

    /** What the node does with {@link #encryptForNode}; the node's seed stands for the node. */
    public static String decryptOnNode(byte[] nodeSeed, byte[] identityEd25519PublicKey, String hex) {
        byte[] key = NaCl.blake2b(32, NaCl.x25519(NaCl.curvePrivateKey(nodeSeed),
                NaCl.curvePublicKey(identityEd25519PublicKey)));
        return new String(NaCl.openSecretBox(key, HexFormat.of().parseHex(hex)), StandardCharsets.UTF_8);
    }

    static byte[] nodeKey(IdentityKeys identity, byte[] nodeEd25519PublicKey) {
        return NaCl.blake2b(32, NaCl.x25519(NaCl.curvePrivateKey(identity.seed()),
                NaCl.curvePublicKey(nodeEd25519PublicKey)));
    }

    /** A WireGuard private key for a node: a sealed box over the key's base64 text, hex encoded. */
    public static String sealForNode(byte[] nodeEd25519PublicKey, String base64PrivateKey) {
        return HexFormat.of().formatHex(NaCl.sealedBox(NaCl.curvePublicKey(nodeEd25519PublicKey),
                base64PrivateKey.getBytes(StandardCharsets.US_ASCII)));
    }

    /** Metadata for the identity's own eyes: a box from its curve key to itself, base85 encoded. */
    public static String encryptMetadata(IdentityKeys identity, String json) {
        byte[] secret = NaCl.curvePrivateKey(identity.seed());
        return Base85.encode(NaCl.box(secret, NaCl.curvePublicKeyOf(secret), json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The metadata's JSON, or {@code "{}"} when it is not the identity's (as the original deployer did). */
    public static String decryptMetadata(IdentityKeys identity, String encrypted) {
        try {
            byte[] secret = NaCl.curvePrivateKey(identity.seed());
            return new String(NaCl.openBox(secret, NaCl.curvePublicKeyOf(secret), Base85.decode(encrypted)),
                    StandardCharsets.UTF_8);
        } catch (RuntimeException e) {
            return "{}";
        }
    }
}
