package io.threebot.deployer.internal.crypto;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.bouncycastle.asn1.nist.NISTNamedCurves;
import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Checks that a text is one OpenSSH public key line ({@code type base64 [comment]}) by parsing the key data in the
 * SSH wire format (RFC 4253 section 6.6, RFC 5656 section 3.1, RFC 8709 section 4), not by pattern matching.
 */
public final class SshPublicKeys {
    /** Longest text looked at; a 16384-bit RSA key line is under 3000 characters. */
    static final int MAX_CHARS = 16 * 1024;
    static final int MIN_RSA_BITS = 2048;
    /** OpenSSH's own upper limit for RSA moduli. */
    private static final int MAX_RSA_BITS = 16 * 1024;

    private static final String ED25519 = "ssh-ed25519";
    private static final String RSA = "ssh-rsa";
    private static final String ECDSA_PREFIX = "ecdsa-sha2-";
    /** SSH curve name to the BouncyCastle name of the same NIST curve. */
    private static final Map<String, String> CURVES = Map.of(
            "nistp256", "P-256", "nistp384", "P-384", "nistp521", "P-521");
    private static final List<String> SUPPORTED = List.of(ED25519, RSA,
            ECDSA_PREFIX + "nistp256", ECDSA_PREFIX + "nistp384", ECDSA_PREFIX + "nistp521");

    private SshPublicKeys() {
    }

    /**
     * Returns why the text is not a usable SSH public key, or empty when it is one.
     *
     * <p>The text must be at most {@value #MAX_CHARS} characters and hold exactly one line
     * {@code type base64 [comment]} (surrounding whitespace is ignored, control characters are refused). Supported
     * types are {@code ssh-ed25519}, {@code ssh-rsa} (at least {@value #MIN_RSA_BITS} bits) and
     * {@code ecdsa-sha2-nistp256/384/521} (the point must be uncompressed and on the curve). The base64 key data is
     * parsed strictly: every length must fit, no bytes may follow the last field, and the type inside must equal the
     * type word of the line. DSA, security keys ({@code sk-*}), certificates, private keys and PEM blocks are refused.
     *
     * @param text what the user uploaded
     * @return a reason for the user (no trailing period), or empty when the key is fine
     */
    public static Optional<String> problem(String text) {
        if (text != null && text.length() > MAX_CHARS) {
            return Optional.of("the key is longer than " + MAX_CHARS + " characters");
        }
        String line = text == null ? "" : text.strip();
        if (line.isEmpty()) {
            return Optional.of("no key was given");
        }
        if (line.startsWith("PuTTY-User-Key-File") || line.startsWith("----")
                && line.lines().findFirst().orElse("").contains("PRIVATE KEY")) {
            return Optional.of("this is a private key; never share it, give the public key (the .pub file)");
        }
        if (line.startsWith("----")) {
            return Optional.of("this is a PEM block; give the key in OpenSSH one-line format");
        }
        if (line.chars().anyMatch(c -> c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029')) {
            return Optional.of("give one key on one line");
        }
        if (line.chars().anyMatch(c -> Character.isISOControl(c) && c != '\t')) {
            return Optional.of("the key contains control characters");
        }
        String[] parts = line.split("[ \t]+", 3);
        if (parts.length < 2) {
            return Optional.of("an OpenSSH public key looks like 'ssh-ed25519 AAAA... comment'");
        }
        String type = parts[0];
        if (!SUPPORTED.contains(type)) {
            String why = type.endsWith("-cert-v01@openssh.com") ? " (certificates are not supported)"
                    : type.startsWith("sk-") ? " (security-key keys are not supported)" : "";
            return Optional.of("unsupported key type '" + abbreviate(type) + "'" + why + "; use one of "
                    + String.join(", ", SUPPORTED));
        }
        byte[] blob;
        try {
            blob = Base64.getDecoder().decode(parts[1]);
        } catch (IllegalArgumentException e) {
            return Optional.of("the key data is not valid base64");
        }
        try {
            checkBlob(type, new WireReader(blob));
            return Optional.empty();
        } catch (KeyProblem e) {
            return Optional.of(e.getMessage());
        }
    }

    private static void checkBlob(String type, WireReader in) throws KeyProblem {
        byte[] inner = in.string("key type");
        if (!type.equals(new String(inner, StandardCharsets.ISO_8859_1))) {
            throw new KeyProblem("the key data does not hold a " + type + " key");
        }
        if (type.equals(ED25519)) {
            byte[] key = in.string("key");
            if (key.length != 32) {
                throw new KeyProblem("an ssh-ed25519 key must be 32 bytes; this one has " + key.length);
            }
        } else if (type.equals(RSA)) {
            BigInteger e = in.mpint("exponent");
            BigInteger n = in.mpint("modulus");
            if (n.signum() <= 0 || !n.testBit(0)) {
                throw new KeyProblem("the RSA modulus is invalid");
            }
            if (e.signum() <= 0 || !e.testBit(0) || e.equals(BigInteger.ONE) || e.compareTo(n) >= 0) {
                throw new KeyProblem("the RSA public exponent is invalid");
            }
            if (n.bitLength() < MIN_RSA_BITS) {
                throw new KeyProblem("RSA keys must have at least " + MIN_RSA_BITS + " bits; this one has "
                        + n.bitLength());
            }
            if (n.bitLength() > MAX_RSA_BITS) {
                throw new KeyProblem("RSA keys may have at most " + MAX_RSA_BITS + " bits; this one has "
                        + n.bitLength());
            }
        } else {
            checkEcdsa(type.substring(ECDSA_PREFIX.length()), in);
        }
        in.end();
    }

    private static void checkEcdsa(String curve, WireReader in) throws KeyProblem {
        String named = new String(in.string("curve name"), StandardCharsets.ISO_8859_1);
        if (!curve.equals(named)) {
            throw new KeyProblem("the key data names curve '" + abbreviate(named) + "' instead of " + curve);
        }
        byte[] q = in.string("point");
        X9ECParameters params = NISTNamedCurves.getByName(CURVES.get(curve));
        int size = 1 + 2 * ((params.getCurve().getFieldSize() + 7) / 8);
        if (q.length == 0 || q[0] != 0x04) {
            throw new KeyProblem("the EC point must be uncompressed (starting with 0x04)");
        }
        if (q.length != size) {
            throw new KeyProblem("an uncompressed " + curve + " point must be " + size + " bytes; this one has "
                    + q.length);
        }
        try {
            ECPoint point = params.getCurve().decodePoint(q); // throws for coordinates off the curve
            if (point.isInfinity() || !point.isValid()) {
                throw new IllegalArgumentException("invalid point");
            }
        } catch (IllegalArgumentException e) {
            throw new KeyProblem("the EC point is not on the " + curve + " curve");
        }
    }

    private static String abbreviate(String s) {
        String printable = s.replaceAll("[^\\x20-\\x7e]", "?");
        return printable.length() > 30 ? printable.substring(0, 30) + "..." : printable;
    }

    /** A reason for the user, thrown while parsing. */
    private static final class KeyProblem extends Exception {
        KeyProblem(String message) {
            super(message, null, false, false);
        }
    }

    /** Strict reader of SSH wire-format fields: lengths are unsigned 32-bit and must fit the remaining bytes. */
    private static final class WireReader {
        private final ByteBuffer buffer;
        private String last = "key type";

        WireReader(byte[] data) {
            buffer = ByteBuffer.wrap(data);
        }

        byte[] string(String what) throws KeyProblem {
            if (buffer.remaining() < 4) {
                throw new KeyProblem("the key data is cut short: the " + what + " is missing");
            }
            long length = Integer.toUnsignedLong(buffer.getInt());
            if (length > buffer.remaining()) {
                throw new KeyProblem("the key data is cut short: the " + what + " claims " + length
                        + " bytes but only " + buffer.remaining() + " remain");
            }
            byte[] value = new byte[(int) length];
            buffer.get(value);
            last = what;
            return value;
        }

        BigInteger mpint(String what) throws KeyProblem {
            byte[] value = string(what);
            return value.length == 0 ? BigInteger.ZERO : new BigInteger(value);
        }

        void end() throws KeyProblem {
            if (buffer.hasRemaining()) {
                int extra = buffer.remaining();
                throw new KeyProblem("the key data has " + extra + " extra byte" + (extra == 1 ? "" : "s")
                        + " after the " + last);
            }
        }
    }
}
