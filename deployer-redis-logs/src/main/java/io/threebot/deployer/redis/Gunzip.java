package io.threebot.deployer.redis;

import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Decompresses gzip messages one after another on one thread, reusing one {@link Inflater} and one output buffer
 * instead of a {@code GZIPInputStream} (and its native inflater) a message. It accepts what
 * {@code GZIPInputStream} accepts: optional header fields, a header checksum, several members one after another,
 * and bytes after the last member that are not a member (ignored); it checks each member's CRC-32 and length.
 */
final class Gunzip implements AutoCloseable {
    private static final int FHCRC = 2;
    private static final int FEXTRA = 4;
    private static final int FNAME = 8;
    private static final int FCOMMENT = 16;
    private static final int HEADER = 10;
    private static final int TRAILER = 8;
    /** The output buffer kept between messages; a larger one, grown for a large chunk, is let go after it. */
    private static final int KEPT = 64 * 1024;

    private final int limit;
    private final Inflater inflater = new Inflater(true);
    private final CRC32 crc = new CRC32();
    private byte[] out = new byte[8 * 1024];

    /** @param limit the most bytes a message may decompress to */
    Gunzip(int limit) {
        this.limit = limit;
    }

    /** Whether the message starts with the gzip magic bytes. */
    static boolean isGzip(byte[] message) {
        return message.length >= 2 && (message[0] & 0xff) == 0x1f && (message[1] & 0xff) == 0x8b;
    }

    /**
     * Decompresses every member of {@code message} into {@link #bytes()}, which holds them until the next call.
     *
     * @return how many bytes it decompressed to
     * @throws RedisLogsException when the message is corrupt or decompresses to more than the limit
     */
    int inflate(byte[] message) {
        if (out.length > KEPT) {
            out = new byte[KEPT];
        }
        try {
            int length = 0;
            int pos = header(message, 0);
            while (true) {
                int start = length;
                length = body(message, pos, length);
                crc.reset();
                crc.update(out, start, length - start);
                pos = message.length - inflater.getRemaining();
                inflater.reset();
                trailer(message, pos, length - start);
                pos += TRAILER;
                if (pos >= message.length) {
                    return length;
                }
                try {
                    pos = header(message, pos);
                } catch (RedisLogsException notAMember) {
                    return length;
                }
            }
        } catch (RuntimeException e) {
            inflater.reset();
            throw e;
        }
    }

    /** The decompressed bytes of the last message, from index 0 to what {@link #inflate} returned. */
    byte[] bytes() {
        return out;
    }

    private int body(byte[] message, int pos, int length) {
        inflater.setInput(message, pos, message.length - pos);
        try {
            while (!inflater.finished()) {
                if (length == out.length) {
                    grow();
                }
                int n = inflater.inflate(out, length, out.length - length);
                length += n;
                if (length > limit) {
                    throw new RedisLogsException("a log chunk decompresses to more than " + limit + " bytes");
                }
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw corrupt("the compressed data ends early");
                }
            }
            return length;
        } catch (DataFormatException e) {
            throw corrupt(e.getMessage());
        }
    }

    private void grow() {
        byte[] larger = new byte[(int) Math.min((long) out.length * 2, limit + 1L)];
        System.arraycopy(out, 0, larger, 0, out.length);
        out = larger;
    }

    private int header(byte[] message, int start) {
        need(message, start, HEADER);
        if ((message[start] & 0xff) != 0x1f || (message[start + 1] & 0xff) != 0x8b) {
            throw corrupt("not in gzip format");
        }
        if (message[start + 2] != 8) {
            throw corrupt("unsupported compression method " + message[start + 2]);
        }
        int flags = message[start + 3] & 0xff;
        int pos = start + HEADER;
        if ((flags & FEXTRA) != 0) {
            need(message, pos, 2);
            pos += 2 + unsignedShort(message, pos);
        }
        if ((flags & FNAME) != 0) {
            pos = afterZero(message, pos);
        }
        if ((flags & FCOMMENT) != 0) {
            pos = afterZero(message, pos);
        }
        if ((flags & FHCRC) != 0) {
            need(message, pos, 2);
            crc.reset();
            crc.update(message, start, pos - start);
            if ((crc.getValue() & 0xffff) != unsignedShort(message, pos)) {
                throw corrupt("the header checksum is wrong");
            }
            pos += 2;
        }
        need(message, pos, 0);
        return pos;
    }

    private void trailer(byte[] message, int pos, int memberLength) {
        need(message, pos, TRAILER);
        if (unsignedInt(message, pos) != crc.getValue()) {
            throw corrupt("the CRC-32 is wrong");
        }
        if (unsignedInt(message, pos + 4) != (memberLength & 0xffffffffL)) {
            throw corrupt("the length is wrong");
        }
    }

    private static int afterZero(byte[] message, int pos) {
        for (int i = pos; i < message.length; i++) {
            if (message[i] == 0) {
                return i + 1;
            }
        }
        throw corrupt("the header ends early");
    }

    private static void need(byte[] message, int pos, int bytes) {
        if (pos < 0 || (long) pos + bytes > message.length) {
            throw corrupt("the message ends early");
        }
    }

    private static int unsignedShort(byte[] bytes, int pos) {
        return (bytes[pos] & 0xff) | (bytes[pos + 1] & 0xff) << 8;
    }

    private static long unsignedInt(byte[] bytes, int pos) {
        return (unsignedShort(bytes, pos) | (long) unsignedShort(bytes, pos + 2) << 16) & 0xffffffffL;
    }

    private static RedisLogsException corrupt(String why) {
        return new RedisLogsException("a gzip log chunk is corrupt: " + why);
    }

    /** Frees the inflater's native memory. */
    @Override
    public void close() {
        inflater.end();
    }
}
