package io.threebot.deployer.internal.crypto;

import io.threebot.deployer.model.Secret;
import java.util.Base64;
import java.util.Random;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;

/** A WireGuard (X25519) key pair, both keys base64 as wg-quick writes them. */
public record WireGuardKeyPair(Secret privateKey, String publicKey) {

    public static WireGuardKeyPair generate(Random random) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        X25519PrivateKeyParameters key = new X25519PrivateKeyParameters(raw, 0);
        Base64.Encoder b64 = Base64.getEncoder();
        return new WireGuardKeyPair(Secret.of(b64.encodeToString(key.getEncoded())),
                b64.encodeToString(key.generatePublicKey().getEncoded()));
    }
}
