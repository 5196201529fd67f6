package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.math.ec.ECPoint;

/**
 * A twin's end-to-end encryption key for RMB, as rmb-rs ({@code peer/e2e}), rmb-sdk-go and
 * {@code @threefold/rmb_direct_client} make and use it: a secp256k1 key whose private scalar is the same 32-byte seed
 * as the twin's ed25519 key (a mnemonic's mini-secret, or a raw hex seed). Its {@link #publicKey() public key}, 33 bytes
 * compressed, is what the twin's {@code pk} on tfchain holds; a peer encrypts to it.
 *
 * <p>A body travels as {@code nonce (12 bytes) || AES-256-GCM ciphertext and 16-byte tag}, no associated data, under
 * the key {@code SHA-256(x)} where {@code x} is the 32-byte x coordinate of the ECDH point of one side's private key and
 * the other side's public key (both sides get the same key). {@link #toString()} shows the public key only.
 */
public final class E2eKey {
    /** The nonce's length: 12 bytes, first in a cipher body. */
    public static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final X9ECParameters CURVE = CustomNamedCurves.getByName("secp256k1");

    private final BigInteger privateScalar;
    private final byte[] publicKey;

    private E2eKey(BigInteger privateScalar) {
        this.privateScalar = privateScalar;
        this.publicKey = CURVE.getG().multiply(privateScalar).normalize().getEncoded(true);
    }

    /**
     * The key of a 32-byte seed.
     *
     * @throws InvalidInputException when the seed is not 32 bytes or not a valid secp256k1 private key (zero, or not
     *                               below the group order: about one seed in 2^128)
     */
    public static E2eKey fromSeed(byte[] seed) {
        Objects.requireNonNull(seed, "seed");
        if (seed.length != 32) {
            throw new InvalidInputException("seed", "an e2e seed has 32 bytes, not " + seed.length);
        }
        BigInteger d = new BigInteger(1, seed);
        if (d.signum() == 0 || d.compareTo(CURVE.getN()) >= 0) {
            throw new InvalidInputException("seed", "the seed is not a valid secp256k1 private key");
        }
        return new E2eKey(d);
    }

    /** The key of the same seed as the twin's ed25519 key, as the grid's peers derive it. */
    public static E2eKey of(Ed25519KeyPair twinKey) {
        String hex = twinKey.toHexSeed();
        byte[] seed = HexFormat.of().parseHex(hex.substring(2));
        try {
            return fromSeed(seed);
        } finally {
            Arrays.fill(seed, (byte) 0);
        }
    }

    /** The 33-byte compressed public key: what the twin's {@code pk} on tfchain holds. */
    public byte[] publicKey() {
        return publicKey.clone();
    }

    /**
     * The AES-256 key shared with the peer: SHA-256 of the x coordinate of the ECDH point.
     *
     * @throws InvalidEnvelopeException (field {@code pk}) when the peer's key is not a secp256k1 public key
     */
    byte[] sharedKey(byte[] peerPublicKey) {
        ECPoint peer = peerPoint(peerPublicKey);
        ECPoint shared = peer.multiply(privateScalar).normalize();
        if (shared.isInfinity()) {
            throw new InvalidEnvelopeException("pk", "the peer's e2e key gives no shared secret");
        }
        return sha256(shared.getAffineXCoord().getEncoded());
    }

    /**
     * The cipher body of {@code plain} for the peer: a fresh random nonce, then the AES-GCM output.
     *
     * @throws InvalidEnvelopeException (field {@code pk}) when the peer's key is not a secp256k1 public key
     */
    public byte[] encrypt(byte[] peerPublicKey, byte[] plain, SecureRandom random) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return encrypt(peerPublicKey, plain, nonce);
    }

    /** {@link #encrypt(byte[], byte[], SecureRandom)} with a given nonce (tests). */
    byte[] encrypt(byte[] peerPublicKey, byte[] plain, byte[] nonce) {
        byte[] key = sharedKey(peerPublicKey);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            byte[] sealed = aes.doFinal(plain);
            byte[] out = new byte[NONCE_BYTES + sealed.length];
            System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES-GCM failed to encrypt", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /**
     * The plain body of a cipher body the peer encrypted for this key.
     *
     * @throws InvalidEnvelopeException (field {@code cipher}) when it is too short or does not authenticate (a wrong
     *                                  key, or bytes changed on the way); (field {@code pk}) for a bad peer key
     */
    public byte[] decrypt(byte[] peerPublicKey, byte[] cipherBody) {
        if (cipherBody == null || cipherBody.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new InvalidEnvelopeException("cipher", "an encrypted body has at least "
                    + (NONCE_BYTES + TAG_BITS / 8) + " bytes");
        }
        byte[] key = sharedKey(peerPublicKey);
        try {
            Cipher aes = Cipher.getInstance("AES/GCM/NoPadding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"),
                    new GCMParameterSpec(TAG_BITS, cipherBody, 0, NONCE_BYTES));
            return aes.doFinal(cipherBody, NONCE_BYTES, cipherBody.length - NONCE_BYTES);
        } catch (javax.crypto.AEADBadTagException e) {
            throw new InvalidEnvelopeException("cipher", "the encrypted body does not decrypt with the peer's key", e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's AES-GCM failed to decrypt", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Whether the bytes are a secp256k1 public key (33 compressed or 65 uncompressed bytes, on the curve). */
    public static boolean isPublicKey(byte[] bytes) {
        try {
            peerPoint(bytes);
            return true;
        } catch (InvalidEnvelopeException e) {
            return false;
        }
    }

    private static ECPoint peerPoint(byte[] bytes) {
        if (bytes == null || (bytes.length != 33 && bytes.length != 65)) {
            throw new InvalidEnvelopeException("pk", "an e2e public key has 33 or 65 bytes");
        }
        try {
            ECPoint p = CURVE.getCurve().decodePoint(bytes);
            if (p.isInfinity() || !p.isValid()) {
                throw new InvalidEnvelopeException("pk", "the e2e public key is not a point of secp256k1");
            }
            return p;
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new InvalidEnvelopeException("pk", "the e2e public key is not a point of secp256k1", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    /** The public key in hex. */
    @Override
    public String toString() {
        return "E2eKey[" + HexFormat.of().formatHex(publicKey) + "]";
    }
}
