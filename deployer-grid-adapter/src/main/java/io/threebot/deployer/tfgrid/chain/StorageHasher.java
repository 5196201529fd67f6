package io.threebot.deployer.tfgrid.chain;

/**
 * How a storage map hashes each encoded key into the storage key, as FRAME's {@code StorageHasher} (in the order
 * of its metadata enum). The "concat" hashers append the key itself after its hash, so keys can be read back from
 * storage keys.
 */
public enum StorageHasher {
    /** BLAKE2b-128 of the key. */
    BLAKE2_128,
    /** BLAKE2b-256 of the key. */
    BLAKE2_256,
    /** BLAKE2b-128 of the key, then the key. */
    BLAKE2_128_CONCAT,
    /** twox128 of the key. */
    TWOX_128,
    /** twox256 of the key. */
    TWOX_256,
    /** twox64 of the key, then the key. */
    TWOX_64_CONCAT,
    /** The key itself. */
    IDENTITY;

    /** The hashed form of an encoded key. */
    public byte[] hash(byte[] encodedKey) {
        return switch (this) {
            case BLAKE2_128 -> Hashing.blake2b128(encodedKey);
            case BLAKE2_256 -> Hashing.blake2b256(encodedKey);
            case BLAKE2_128_CONCAT -> concat(Hashing.blake2b128(encodedKey), encodedKey);
            case TWOX_128 -> Hashing.twox128(encodedKey);
            case TWOX_256 -> Hashing.twox256(encodedKey);
            case TWOX_64_CONCAT -> concat(Hashing.twox64(encodedKey), encodedKey);
            case IDENTITY -> encodedKey.clone();
        };
    }

    /** The storage key of a plain value, or a map's prefix: twox128(pallet prefix) ‖ twox128(item name). */
    public static byte[] prefix(String pallet, String item) {
        return concat(Hashing.twox128(pallet), Hashing.twox128(item));
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
