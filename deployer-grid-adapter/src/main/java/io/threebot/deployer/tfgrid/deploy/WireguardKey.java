package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.InvalidInputException;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.XECPrivateKey;
import java.security.interfaces.XECPublicKey;
import java.util.Base64;
import java.util.Objects;

/**
 * A WireGuard key pair (X25519), both halves base64 as WireGuard writes them. {@link #toString()} shows the public
 * half only.
 *
 * @param privateKey the private key, base64 of 32 bytes
 * @param publicKey  the public key, base64 of 32 bytes
 */
public record WireguardKey(String privateKey, String publicKey) {
    /** @throws InvalidInputException when a half is not base64 of 32 bytes */
    public WireguardKey {
        check(privateKey, "privateKey");
        check(publicKey, "publicKey");
    }

    /** A new random key pair. */
    static WireguardKey generate() {
        try {
            KeyPair pair = KeyPairGenerator.getInstance("X25519").generateKeyPair();
            byte[] scalar = ((XECPrivateKey) pair.getPrivate()).getScalar()
                    .orElseThrow(() -> new IllegalStateException("the X25519 key has no scalar"));
            BigInteger u = ((XECPublicKey) pair.getPublic()).getU();
            return new WireguardKey(Base64.getEncoder().encodeToString(scalar),
                    Base64.getEncoder().encodeToString(littleEndian(u)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this Java has no X25519", e);
        }
    }

    private static byte[] littleEndian(BigInteger u) {
        byte[] big = u.toByteArray();
        byte[] out = new byte[32];
        for (int i = 0; i < 32 && i < big.length; i++) {
            out[i] = big[big.length - 1 - i];
        }
        return out;
    }

    private static void check(String key, String field) {
        Objects.requireNonNull(key, field);
        try {
            if (Base64.getDecoder().decode(key).length != 32) {
                throw new InvalidInputException(field, "a WireGuard key is 32 bytes");
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(field, "a WireGuard key is base64");
        }
    }

    @Override
    public String toString() {
        return "WireguardKey[publicKey=" + publicKey + "]";
    }
}
