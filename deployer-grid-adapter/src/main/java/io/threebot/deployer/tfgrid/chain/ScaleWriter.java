package io.threebot.deployer.tfgrid.chain;

import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Writes SCALE (Parity's codec): fixed-width little-endian integers, compact integers, bools, length-prefixed
 * vectors and strings, options and enum indices. Tuples, structs and fixed arrays are their parts written in
 * order. Values out of a type's range are a {@link ScaleException}. Not thread-safe.
 */
public final class ScaleWriter {
    static final BigInteger U128_MAX = BigInteger.ONE.shiftLeft(128).subtract(BigInteger.ONE);
    private static final BigInteger COMPACT_MAX = BigInteger.ONE.shiftLeft(536).subtract(BigInteger.ONE);

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    /** An empty writer. */
    public ScaleWriter() {
    }

    /** An unsigned 8-bit integer (0 to 255). */
    public ScaleWriter u8(int value) {
        return unsigned(BigInteger.valueOf(value), 1);
    }

    /** An unsigned 16-bit integer. */
    public ScaleWriter u16(int value) {
        return unsigned(BigInteger.valueOf(value), 2);
    }

    /** An unsigned 32-bit integer (0 to 4294967295). */
    public ScaleWriter u32(long value) {
        return unsigned(BigInteger.valueOf(value), 4);
    }

    /** An unsigned 64-bit integer; a negative {@code long} is refused (use {@link #u64(BigInteger)} past 2^63). */
    public ScaleWriter u64(long value) {
        return unsigned(BigInteger.valueOf(value), 8);
    }

    /** An unsigned 64-bit integer. */
    public ScaleWriter u64(BigInteger value) {
        return unsigned(value, 8);
    }

    /** An unsigned 128-bit integer, as tfchain's balances are. */
    public ScaleWriter u128(BigInteger value) {
        return unsigned(value, 16);
    }

    /** An unsigned integer of {@code width} bytes, little-endian. */
    ScaleWriter unsigned(BigInteger value, int width) {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.bitLength() > width * 8) {
            throw new ScaleException(value + " does not fit an unsigned " + width * 8 + "-bit integer");
        }
        return littleEndian(value, width);
    }

    /** A two's complement signed integer of {@code width} bytes, little-endian. */
    ScaleWriter signed(BigInteger value, int width) {
        Objects.requireNonNull(value, "value");
        if (value.bitLength() > width * 8 - 1) {
            throw new ScaleException(value + " does not fit a signed " + width * 8 + "-bit integer");
        }
        BigInteger twos = value.signum() < 0 ? value.add(BigInteger.ONE.shiftLeft(width * 8)) : value;
        return littleEndian(twos, width);
    }

    private ScaleWriter littleEndian(BigInteger value, int width) {
        byte[] big = value.toByteArray();
        for (int i = 0; i < width; i++) {
            int index = big.length - 1 - i;
            out.write(index >= 0 ? big[index] : 0);
        }
        return this;
    }

    /** A bool: one byte, 0 or 1. */
    public ScaleWriter bool(boolean value) {
        out.write(value ? 1 : 0);
        return this;
    }

    /** A compact (variable-length) unsigned integer. */
    public ScaleWriter compact(long value) {
        if (value < 0) {
            throw new ScaleException("a compact integer is unsigned, not " + value);
        }
        if (value < 1L << 6) {
            out.write((int) (value << 2));
        } else if (value < 1L << 14) {
            int v = (int) (value << 2) | 1;
            out.write(v);
            out.write(v >>> 8);
        } else if (value < 1L << 30) {
            long v = (value << 2) | 2;
            for (int i = 0; i < 4; i++) {
                out.write((int) (v >>> (8 * i)));
            }
        } else {
            return compact(BigInteger.valueOf(value));
        }
        return this;
    }

    /** A compact unsigned integer of any size up to 2^536 - 1 (u128 balances among them). */
    public ScaleWriter compact(BigInteger value) {
        Objects.requireNonNull(value, "value");
        if (value.signum() < 0 || value.compareTo(COMPACT_MAX) > 0) {
            throw new ScaleException(value + " is out of the compact integers' range");
        }
        if (value.bitLength() < 31) {
            return compact(value.longValueExact());
        }
        int bytes = (value.bitLength() + 7) / 8;
        out.write(((bytes - 4) << 2) | 3);
        return littleEndian(value, bytes);
    }

    /** Bytes as they are, with no length: a fixed array {@code [u8; n]} or an already encoded value. */
    public ScaleWriter raw(byte[] bytes) {
        out.writeBytes(bytes);
        return this;
    }

    /** Bytes that must be exactly {@code length} long: a fixed array {@code [u8; length]}, e.g. a hash. */
    public ScaleWriter fixed(byte[] bytes, int length) {
        if (bytes.length != length) {
            throw new ScaleException("expected " + length + " bytes, got " + bytes.length);
        }
        return raw(bytes);
    }

    /** A {@code Vec<u8>}: compact length, then the bytes. */
    public ScaleWriter bytes(byte[] bytes) {
        compact(bytes.length);
        return raw(bytes);
    }

    /** A string: its UTF-8 bytes as a {@code Vec<u8>}. */
    public ScaleWriter str(String value) {
        return bytes(value.getBytes(StandardCharsets.UTF_8));
    }

    /** A vector: compact count, then each element written by {@code element}. */
    public <T> ScaleWriter vec(Collection<T> items, BiConsumer<ScaleWriter, ? super T> element) {
        compact(items.size());
        for (T item : items) {
            element.accept(this, item);
        }
        return this;
    }

    /** An option: 0 for none, or 1 and the value written by {@code element}. */
    public <T> ScaleWriter option(Optional<T> value, BiConsumer<ScaleWriter, ? super T> element) {
        if (value.isEmpty()) {
            out.write(0);
        } else {
            out.write(1);
            element.accept(this, value.get());
        }
        return this;
    }

    /** An enum's variant index (one byte); its fields follow. */
    public ScaleWriter variant(int index) {
        if (index < 0 || index > 255) {
            throw new ScaleException("an enum variant index is 0 to 255, not " + index);
        }
        out.write(index);
        return this;
    }

    /** How many bytes have been written. */
    public int size() {
        return out.size();
    }

    /** What was written. */
    public byte[] toByteArray() {
        return out.toByteArray();
    }
}
