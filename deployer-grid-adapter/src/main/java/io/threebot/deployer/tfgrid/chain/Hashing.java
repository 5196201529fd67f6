package io.threebot.deployer.tfgrid.chain;

import java.nio.charset.StandardCharsets;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Substrate's hashes: BLAKE2b (256 and 128 bits, unkeyed) and "twox", which is xxHash64 run with seeds 0, 1, 2...
 * and the results concatenated little-endian (twox64 = seed 0; twox128 = seeds 0 and 1; twox256 = seeds 0 to 3).
 * xxHash64 is written here from its specification (it is some forty lines, and no maintained library is on the
 * class path already); the tests check it against {@code @polkadot/util-crypto}'s {@code xxhashAsU8a}.
 */
public final class Hashing {
    private static final long P1 = 0x9E3779B185EBCA87L;
    private static final long P2 = 0xC2B2AE3D27D4EB4FL;
    private static final long P3 = 0x165667B19E3779F9L;
    private static final long P4 = 0x85EBCA77C2B2AE63L;
    private static final long P5 = 0x27D4EB2F165667C5L;

    private Hashing() {
    }

    /** BLAKE2b with a 32-byte output. */
    public static byte[] blake2b256(byte[] data) {
        return blake2b(data, 32);
    }

    /** BLAKE2b with a 16-byte output (its own parameter block, not a truncated 256-bit hash). */
    public static byte[] blake2b128(byte[] data) {
        return blake2b(data, 16);
    }

    /** BLAKE2b with an output of {@code bytes} bytes (1 to 64). */
    public static byte[] blake2b(byte[] data, int bytes) {
        Blake2bDigest digest = new Blake2bDigest(bytes * 8);
        digest.update(data, 0, data.length);
        byte[] out = new byte[bytes];
        digest.doFinal(out, 0);
        return out;
    }

    /** xxHash64 of the data with seed 0, little-endian. */
    public static byte[] twox64(byte[] data) {
        return twox(data, 1);
    }

    /** Two xxHash64s (seeds 0 and 1), little-endian: a pallet's or storage item's prefix. */
    public static byte[] twox128(byte[] data) {
        return twox(data, 2);
    }

    /** {@link #twox128(byte[])} of a name's UTF-8 bytes. */
    public static byte[] twox128(String name) {
        return twox128(name.getBytes(StandardCharsets.UTF_8));
    }

    /** Four xxHash64s (seeds 0 to 3), little-endian. */
    public static byte[] twox256(byte[] data) {
        return twox(data, 4);
    }

    private static byte[] twox(byte[] data, int rounds) {
        byte[] out = new byte[rounds * 8];
        for (int seed = 0; seed < rounds; seed++) {
            long hash = xxHash64(data, seed);
            for (int i = 0; i < 8; i++) {
                out[seed * 8 + i] = (byte) (hash >>> (8 * i));
            }
        }
        return out;
    }

    /** xxHash64 (XXH64) of the data with a seed. */
    public static long xxHash64(byte[] data, long seed) {
        int length = data.length;
        int offset = 0;
        long hash;
        if (length >= 32) {
            long v1 = seed + P1 + P2;
            long v2 = seed + P2;
            long v3 = seed;
            long v4 = seed - P1;
            int limit = length - 32;
            do {
                v1 = round(v1, readLong(data, offset));
                v2 = round(v2, readLong(data, offset + 8));
                v3 = round(v3, readLong(data, offset + 16));
                v4 = round(v4, readLong(data, offset + 24));
                offset += 32;
            } while (offset <= limit);
            hash = Long.rotateLeft(v1, 1) + Long.rotateLeft(v2, 7) + Long.rotateLeft(v3, 12)
                    + Long.rotateLeft(v4, 18);
            hash = merge(hash, v1);
            hash = merge(hash, v2);
            hash = merge(hash, v3);
            hash = merge(hash, v4);
        } else {
            hash = seed + P5;
        }
        hash += length;
        while (offset + 8 <= length) {
            hash ^= round(0, readLong(data, offset));
            hash = Long.rotateLeft(hash, 27) * P1 + P4;
            offset += 8;
        }
        if (offset + 4 <= length) {
            hash ^= (readInt(data, offset) & 0xFFFFFFFFL) * P1;
            hash = Long.rotateLeft(hash, 23) * P2 + P3;
            offset += 4;
        }
        while (offset < length) {
            hash ^= (data[offset] & 0xFFL) * P5;
            hash = Long.rotateLeft(hash, 11) * P1;
            offset++;
        }
        hash ^= hash >>> 33;
        hash *= P2;
        hash ^= hash >>> 29;
        hash *= P3;
        hash ^= hash >>> 32;
        return hash;
    }

    private static long round(long accumulator, long input) {
        accumulator += input * P2;
        accumulator = Long.rotateLeft(accumulator, 31);
        return accumulator * P1;
    }

    private static long merge(long hash, long value) {
        hash ^= round(0, value);
        return hash * P1 + P4;
    }

    private static long readLong(byte[] data, int offset) {
        long value = 0;
        for (int i = 7; i >= 0; i--) {
            value = (value << 8) | (data[offset + i] & 0xFFL);
        }
        return value;
    }

    private static int readInt(byte[] data, int offset) {
        return (data[offset] & 0xff) | (data[offset + 1] & 0xff) << 8 | (data[offset + 2] & 0xff) << 16
                | (data[offset + 3] & 0xff) << 24;
    }
}
