package io.threebot.deployer.tfgrid.keys;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * SS58 addresses of 32-byte public keys: base58 of prefix ‖ key ‖ the first two bytes of
 * BLAKE2b-512("SS58PRE" ‖ prefix ‖ key). tfchain uses the generic Substrate prefix {@value #SUBSTRATE}.
 */
public final class Ss58 {
    /** The generic Substrate network prefix, tfchain's. */
    public static final int SUBSTRATE = 42;

    private static final byte[] CONTEXT = "SS58PRE".getBytes(StandardCharsets.US_ASCII);

    private Ss58() {
    }

    /** The address of a 32-byte public key under prefix {@value #SUBSTRATE}. */
    public static String encode(byte[] publicKey) {
        return encode(publicKey, SUBSTRATE);
    }

    /**
     * The address of a 32-byte public key under a network prefix (0 to 16383, not the reserved 46 and 47).
     *
     * @throws InvalidAddressException for another key length or prefix
     */
    public static String encode(byte[] publicKey, int prefix) {
        Objects.requireNonNull(publicKey, "publicKey");
        if (publicKey.length != 32) {
            throw new InvalidAddressException("an SS58 address holds a 32-byte key, not " + publicKey.length);
        }
        byte[] head = prefixBytes(prefix);
        byte[] body = new byte[head.length + 32 + 2];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(publicKey, 0, body, head.length, 32);
        byte[] hash = checksum(body, head.length + 32);
        body[head.length + 32] = hash[0];
        body[head.length + 33] = hash[1];
        return Base58.encode(body);
    }

    /**
     * The public key in an address of any prefix.
     *
     * @throws InvalidAddressException when the text is no SS58 address of a 32-byte key or its checksum fails
     */
    public static byte[] decode(String address) {
        return decoded(address).key;
    }

    /**
     * The public key in an address that must carry the given prefix.
     *
     * @throws InvalidAddressException as {@link #decode(String)}, or when the prefix differs
     */
    public static byte[] decode(String address, int expectedPrefix) {
        Decoded decoded = decoded(address);
        if (decoded.prefix != expectedPrefix) {
            throw new InvalidAddressException("the address is for network prefix " + decoded.prefix + ", not "
                    + expectedPrefix);
        }
        return decoded.key;
    }

    /** The network prefix of an address. */
    public static int prefixOf(String address) {
        return decoded(address).prefix;
    }

    /** Whether the text is an SS58 address of a 32-byte key with a good checksum. */
    public static boolean isValid(String address) {
        try {
            decoded(address);
            return true;
        } catch (InvalidAddressException e) {
            return false;
        }
    }

    private record Decoded(int prefix, byte[] key) {
    }

    private static Decoded decoded(String address) {
        Objects.requireNonNull(address, "address");
        byte[] raw = address.length() <= 64 ? Base58.decode(address) : null;
        if (raw == null || raw.length < 35) {
            throw new InvalidAddressException("not an SS58 address");
        }
        int headLength = (raw[0] & 0x40) != 0 ? 2 : 1;
        if (raw.length != headLength + 34) {
            throw new InvalidAddressException("an SS58 address of a 32-byte key has " + (headLength + 34)
                    + " bytes, this one " + raw.length);
        }
        int prefix;
        if (headLength == 1) {
            prefix = raw[0] & 0xff;
            if (prefix > 63) {
                throw new InvalidAddressException("not an SS58 address");
            }
        } else {
            int first = raw[0] & 0xff;
            int second = raw[1] & 0xff;
            prefix = ((first & 0x3f) << 2) | (second >> 6) | ((second & 0x3f) << 8);
        }
        byte[] hash = checksum(raw, headLength + 32);
        if (hash[0] != raw[headLength + 32] || hash[1] != raw[headLength + 33]) {
            throw new InvalidAddressException("the address's checksum does not match");
        }
        return new Decoded(prefix, Arrays.copyOfRange(raw, headLength, headLength + 32));
    }

    private static byte[] prefixBytes(int prefix) {
        if (prefix < 0 || prefix > 16383 || prefix == 46 || prefix == 47) {
            throw new InvalidAddressException("SS58 prefix " + prefix + " is out of range");
        }
        if (prefix < 64) {
            return new byte[] {(byte) prefix};
        }
        return new byte[] {
            (byte) (((prefix & 0xfc) >> 2) | 0x40),
            (byte) ((prefix >> 8) | ((prefix & 0x03) << 6))
        };
    }

    private static byte[] checksum(byte[] data, int length) {
        Blake2bDigest digest = new Blake2bDigest(512);
        digest.update(CONTEXT, 0, CONTEXT.length);
        digest.update(data, 0, length);
        byte[] out = new byte[64];
        digest.doFinal(out, 0);
        return out;
    }
}
