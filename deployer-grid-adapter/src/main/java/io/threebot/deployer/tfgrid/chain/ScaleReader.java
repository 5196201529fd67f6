package io.threebot.deployer.tfgrid.chain;

import java.math.BigInteger;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Reads SCALE from a byte array, the mirror of {@link ScaleWriter}. Truncated input, a length longer than what is
 * left, a non-canonical compact integer, a bool or option byte other than 0/1, or invalid UTF-8 is a
 * {@link ScaleException}: hostile bytes never make it allocate more than the input's size or loop long. Not
 * thread-safe.
 */
public final class ScaleReader {
    private final byte[] data;
    private int position;

    /** A reader over the bytes (not copied). */
    public ScaleReader(byte[] data) {
        this.data = data;
    }

    /** An unsigned 8-bit integer. */
    public int u8() {
        need(1);
        return data[position++] & 0xff;
    }

    /** An unsigned 16-bit integer. */
    public int u16() {
        return (int) littleEndianLong(2);
    }

    /** An unsigned 32-bit integer. */
    public long u32() {
        return littleEndianLong(4);
    }

    /** An unsigned 64-bit integer. */
    public BigInteger u64() {
        return unsigned(8);
    }

    /** An unsigned 128-bit integer. */
    public BigInteger u128() {
        return unsigned(16);
    }

    /** An unsigned integer of {@code width} bytes. */
    BigInteger unsigned(int width) {
        byte[] little = read(width);
        byte[] big = new byte[width + 1];
        for (int i = 0; i < width; i++) {
            big[width - i] = little[i];
        }
        return new BigInteger(big);
    }

    /** A two's complement signed integer of {@code width} bytes. */
    BigInteger signed(int width) {
        BigInteger value = unsigned(width);
        return value.testBit(width * 8 - 1) ? value.subtract(BigInteger.ONE.shiftLeft(width * 8)) : value;
    }

    private long littleEndianLong(int width) {
        need(width);
        long value = 0;
        for (int i = 0; i < width; i++) {
            value |= (long) (data[position + i] & 0xff) << (8 * i);
        }
        position += width;
        return value;
    }

    /** A bool; a byte other than 0 or 1 is an error. */
    public boolean bool() {
        int b = u8();
        if (b > 1) {
            throw new ScaleException("a bool is 0 or 1, not " + b);
        }
        return b == 1;
    }

    /** A compact unsigned integer of any size; non-canonical (over-long) encodings are refused. */
    public BigInteger compact() {
        int first = u8();
        switch (first & 3) {
            case 0:
                return BigInteger.valueOf(first >>> 2);
            case 1: {
                need(1);
                long value = ((first | (data[position++] & 0xff) << 8) >>> 2);
                if (value < 1 << 6) {
                    throw new ScaleException("a compact integer is not in its shortest form");
                }
                return BigInteger.valueOf(value);
            }
            case 2: {
                position--;
                long value = littleEndianLong(4) >>> 2;
                if (value < 1 << 14) {
                    throw new ScaleException("a compact integer is not in its shortest form");
                }
                return BigInteger.valueOf(value);
            }
            default: {
                int bytes = (first >>> 2) + 4;
                BigInteger value = unsigned(bytes);
                if (value.bitLength() <= 30 || (value.bitLength() + 7) / 8 < bytes) {
                    throw new ScaleException("a compact integer is not in its shortest form");
                }
                return value;
            }
        }
    }

    /** A compact integer that must fit an {@code int}: a length or count, say. */
    public int compactInt() {
        BigInteger value = compact();
        if (value.bitLength() > 31) {
            throw new ScaleException("a compact integer of " + value.bitLength() + " bits where an int was expected");
        }
        return value.intValue();
    }

    /** A compact integer that must fit a (non-negative) {@code long}. */
    public long compactLong() {
        BigInteger value = compact();
        if (value.bitLength() > 63) {
            throw new ScaleException("a compact integer of " + value.bitLength() + " bits where a long was expected");
        }
        return value.longValue();
    }

    /** {@code length} bytes as they are: a fixed array. */
    public byte[] read(int length) {
        need(length);
        byte[] out = Arrays.copyOfRange(data, position, position + length);
        position += length;
        return out;
    }

    /** A {@code Vec<u8>}. */
    public byte[] bytes() {
        return read(compactInt());
    }

    /** A UTF-8 string. */
    public String str() {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new ScaleException("a string is not valid UTF-8", e);
        }
    }

    /**
     * A vector of elements each read by {@code element}. Its count may not exceed the bytes left (every element
     * this client reads takes at least one byte).
     */
    public <T> List<T> vec(Function<ScaleReader, T> element) {
        int count = compactInt();
        if (count > remaining()) {
            throw new ScaleException("a vector of " + count + " elements in " + remaining() + " bytes");
        }
        List<T> items = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            items.add(element.apply(this));
        }
        return items;
    }

    /** An option; a first byte other than 0 or 1 is an error. */
    public <T> Optional<T> option(Function<ScaleReader, T> element) {
        int tag = u8();
        if (tag > 1) {
            throw new ScaleException("an option's tag is 0 or 1, not " + tag);
        }
        return tag == 0 ? Optional.empty() : Optional.of(element.apply(this));
    }

    /** The bytes not read yet. */
    public int remaining() {
        return data.length - position;
    }

    /** The offset of the next byte. */
    public int position() {
        return position;
    }

    /** Throws unless every byte was read. */
    public void expectEnd() {
        if (remaining() != 0) {
            throw new ScaleException(remaining() + " bytes left after the value");
        }
    }

    private void need(int length) {
        if (length < 0 || length > data.length - position) {
            throw new ScaleException("the data ends early: " + length + " bytes needed, " + remaining() + " left");
        }
    }
}
