package io.threebot.deployer.internal.crypto;

import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.Blake2bDigest;
import org.bouncycastle.crypto.engines.Salsa20Engine;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.bouncycastle.util.Pack;

/**
 * The NaCl primitives the explorer's encryption and the backup password exchange use, on BouncyCastle:
 * XSalsa20-Poly1305 secret boxes, boxes, sealed boxes, and the ed25519-to-curve25519 key conversions. Outputs
 * follow PyNaCl's layout ({@code nonce ‖ MAC ‖ ciphertext} for boxes, {@code ephemeral key ‖ MAC ‖ ciphertext}
 * for sealed boxes).
 */
public final class NaCl {
    public static final int NONCE = 24;
    public static final int MAC = 16;
    private static final BigInteger P = BigInteger.TWO.pow(255).subtract(BigInteger.valueOf(19));
    private static final SecureRandom RANDOM = new SecureRandom();

    private NaCl() {
    }

    /** libsodium's crypto_sign_ed25519_sk_to_curve25519: SHA-512 of the seed, first half, clamped. */
    public static byte[] curvePrivateKey(byte[] ed25519Seed) {
        try {
            byte[] h = Arrays.copyOf(MessageDigest.getInstance("SHA-512").digest(ed25519Seed), 32);
            h[0] &= (byte) 248;
            h[31] &= 127;
            h[31] |= 64;
            return h;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The Montgomery u-coordinate of an ed25519 public key: (1 + y) / (1 - y) mod p. */
    public static byte[] curvePublicKey(byte[] ed25519PublicKey) {
        byte[] le = ed25519PublicKey.clone();
        le[31] &= 0x7f;
        BigInteger y = new BigInteger(1, reverse(le));
        BigInteger u = BigInteger.ONE.add(y).multiply(BigInteger.ONE.subtract(y).mod(P).modInverse(P)).mod(P);
        return reverse(toFixed(u));
    }

    /** The curve25519 public key of a curve25519 private key. */
    public static byte[] curvePublicKeyOf(byte[] curvePrivateKey) {
        byte[] out = new byte[32];
        X25519.scalarMultBase(curvePrivateKey, 0, out, 0);
        return out;
    }

    /** Raw X25519, without the HSalsa20 step of crypto_box. */
    public static byte[] x25519(byte[] privateKey, byte[] publicKey) {
        byte[] out = new byte[32];
        X25519.scalarMult(privateKey, 0, publicKey, 0, out, 0);
        return out;
    }

    public static byte[] blake2b(int bytes, byte[]... parts) {
        Blake2bDigest digest = new Blake2bDigest(bytes * 8);
        for (byte[] part : parts) {
            digest.update(part, 0, part.length);
        }
        byte[] out = new byte[bytes];
        digest.doFinal(out, 0);
        return out;
    }

    /** crypto_secretbox with a random nonce; returns nonce ‖ MAC ‖ ciphertext. */
    public static byte[] secretBox(byte[] key, byte[] message) {
        byte[] nonce = new byte[NONCE];
        RANDOM.nextBytes(nonce);
        byte[] boxed = secretBox(key, nonce, message);
        byte[] out = new byte[NONCE + boxed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE);
        System.arraycopy(boxed, 0, out, NONCE, boxed.length);
        return out;
    }

    /** crypto_secretbox: MAC ‖ ciphertext. */
    public static byte[] secretBox(byte[] key, byte[] nonce, byte[] message) {
        XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] macKey = new byte[32];
        cipher.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] out = new byte[MAC + message.length];
        cipher.processBytes(message, 0, message.length, out, MAC);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(macKey));
        poly.update(out, MAC, message.length);
        poly.doFinal(out, 0);
        return out;
    }

    /** Opens nonce ‖ MAC ‖ ciphertext; throws {@link IllegalArgumentException} when it does not verify. */
    public static byte[] openSecretBox(byte[] key, byte[] sealed) {
        if (sealed.length < NONCE + MAC) {
            throw new IllegalArgumentException("too short for a secret box");
        }
        return open(key, Arrays.copyOf(sealed, NONCE), Arrays.copyOfRange(sealed, NONCE, sealed.length));
    }

    private static byte[] open(byte[] key, byte[] nonce, byte[] macAndCipher) {
        XSalsa20Engine cipher = new XSalsa20Engine();
        cipher.init(false, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] macKey = new byte[32];
        cipher.processBytes(new byte[32], 0, 32, macKey, 0);
        Poly1305 poly = new Poly1305();
        poly.init(new KeyParameter(macKey));
        poly.update(macAndCipher, MAC, macAndCipher.length - MAC);
        byte[] mac = new byte[MAC];
        poly.doFinal(mac, 0);
        if (!MessageDigest.isEqual(mac, Arrays.copyOf(macAndCipher, MAC))) {
            throw new IllegalArgumentException("the box does not verify");
        }
        byte[] plain = new byte[macAndCipher.length - MAC];
        cipher.processBytes(macAndCipher, MAC, plain.length, plain, 0);
        return plain;
    }

    /** crypto_box_beforenm: HSalsa20 of the X25519 shared secret. */
    public static byte[] boxKey(byte[] privateKey, byte[] publicKey) {
        return hsalsa20(x25519(privateKey, publicKey), new byte[16]);
    }

    /** crypto_box with a random nonce: nonce ‖ MAC ‖ ciphertext. */
    public static byte[] box(byte[] privateKey, byte[] publicKey, byte[] message) {
        return secretBox(boxKey(privateKey, publicKey), message);
    }

    public static byte[] openBox(byte[] privateKey, byte[] publicKey, byte[] sealed) {
        return openSecretBox(boxKey(privateKey, publicKey), sealed);
    }

    /** crypto_box_open with the nonce apart from MAC ‖ ciphertext. */
    public static byte[] openBox(byte[] privateKey, byte[] publicKey, byte[] nonce, byte[] macAndCipher) {
        if (nonce.length != NONCE || macAndCipher.length < MAC) {
            throw new IllegalArgumentException("not a box: nonce of " + nonce.length + " bytes");
        }
        return open(boxKey(privateKey, publicKey), nonce, macAndCipher);
    }

    /** crypto_sign_open: true when the 64-byte ed25519 signature is over {@code message} by {@code publicKey}. */
    public static boolean verifySignature(byte[] publicKey, byte[] signature, byte[] message) {
        if (publicKey.length != 32 || signature.length != 64) {
            return false;
        }
        org.bouncycastle.crypto.signers.Ed25519Signer verifier = new org.bouncycastle.crypto.signers.Ed25519Signer();
        verifier.init(false, new org.bouncycastle.crypto.params.Ed25519PublicKeyParameters(publicKey, 0));
        verifier.update(message, 0, message.length);
        return verifier.verifySignature(signature);
    }

    /** crypto_box_seal: an ephemeral key pair, nonce BLAKE2b-24(epk ‖ pk); returns epk ‖ MAC ‖ ciphertext. */
    public static byte[] sealedBox(byte[] recipientPublicKey, byte[] message) {
        byte[] ephemeralPrivate = new byte[32];
        RANDOM.nextBytes(ephemeralPrivate);
        byte[] ephemeralPublic = curvePublicKeyOf(ephemeralPrivate);
        byte[] nonce = blake2b(NONCE, ephemeralPublic, recipientPublicKey);
        byte[] boxed = secretBox(boxKey(ephemeralPrivate, recipientPublicKey), nonce, message);
        byte[] out = new byte[32 + boxed.length];
        System.arraycopy(ephemeralPublic, 0, out, 0, 32);
        System.arraycopy(boxed, 0, out, 32, boxed.length);
        return out;
    }

    public static byte[] openSealedBox(byte[] recipientPrivateKey, byte[] sealed) {
        byte[] ephemeralPublic = Arrays.copyOf(sealed, 32);
        byte[] nonce = blake2b(NONCE, ephemeralPublic, curvePublicKeyOf(recipientPrivateKey));
        return open(boxKey(recipientPrivateKey, ephemeralPublic), nonce, Arrays.copyOfRange(sealed, 32, sealed.length));
    }

    /** HSalsa20: the Salsa20 core without the final addition, words 0, 5, 10, 15, 6, 7, 8, 9. */
    public static byte[] hsalsa20(byte[] key, byte[] nonce16) {
        int[] state = new int[16];
        state[0] = 0x61707865;
        state[5] = 0x3320646e;
        state[10] = 0x79622d32;
        state[15] = 0x6b206574;
        for (int i = 0; i < 4; i++) {
            state[1 + i] = Pack.littleEndianToInt(key, i * 4);
            state[11 + i] = Pack.littleEndianToInt(key, 16 + i * 4);
            state[6 + i] = Pack.littleEndianToInt(nonce16, i * 4);
        }
        int[] mixed = new int[16];
        Salsa20Engine.salsaCore(20, state, mixed);
        int[] words = {0, 5, 10, 15, 6, 7, 8, 9};
        byte[] out = new byte[32];
        for (int i = 0; i < words.length; i++) {
            int w = words[i];
            Pack.intToLittleEndian(mixed[w] - state[w], out, i * 4);
        }
        return out;
    }

    private static byte[] toFixed(BigInteger value) {
        byte[] raw = value.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static byte[] reverse(byte[] bytes) {
        byte[] out = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            out[i] = bytes[bytes.length - 1 - i];
        }
        return out;
    }
}
