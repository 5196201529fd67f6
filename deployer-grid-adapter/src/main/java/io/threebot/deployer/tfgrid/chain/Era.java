package io.threebot.deployer.tfgrid.chain;

import java.util.HexFormat;

/**
 * How long an extrinsic stays valid: immortal (one byte, 0), or mortal for {@code period} blocks (a power of two,
 * 4 to 65536) from the block at {@code phase} (two bytes), as Substrate's {@code generic::Era}. A mortal era is
 * signed together with the hash of the block it starts from.
 */
public final class Era {
    private static final Era IMMORTAL = new Era(0, 0);

    private final long period;
    private final long phase;

    private Era(long period, long phase) {
        this.period = period;
        this.phase = phase;
    }

    /** The immortal era: valid until its nonce is used (and signed with the genesis hash). */
    public static Era immortal() {
        return IMMORTAL;
    }

    /**
     * A mortal era of about {@code period} blocks (rounded up to a power of two, kept within 4 to 65536) that starts
     * at block {@code current}, the block whose hash the extrinsic is signed with.
     */
    public static Era mortal(long period, long current) {
        if (period < 0 || current < 0) {
            throw new ScaleException("an era's period and block are not negative");
        }
        long rounded = period <= 1 ? 1 : Long.highestOneBit(period - 1) << 1;
        rounded = Math.min(Math.max(rounded, 4), 1 << 16);
        long phase = current % rounded;
        long quantizeFactor = Math.max(rounded >> 12, 1);
        return new Era(rounded, phase / quantizeFactor * quantizeFactor);
    }

    /**
     * Reads an era from its encoding (one byte 0, or two bytes).
     *
     * @throws ScaleException when the bytes are no era
     */
    public static Era read(ScaleReader in) {
        int first = in.u8();
        if (first == 0) {
            return IMMORTAL;
        }
        int encoded = first | in.u8() << 8;
        long period = 2L << (encoded % (1 << 4));
        long quantizeFactor = Math.max(period >> 12, 1);
        long phase = (encoded >> 4) * quantizeFactor;
        if (period < 4 || phase >= period) {
            throw new ScaleException("not a valid era");
        }
        return new Era(period, phase);
    }

    /** Whether this is the immortal era. */
    public boolean isImmortal() {
        return period == 0;
    }

    /** The period in blocks; 0 when immortal. */
    public long period() {
        return period;
    }

    /** The phase (the starting block modulo the period); 0 when immortal. */
    public long phase() {
        return phase;
    }

    /** The encoding: {@code 00}, or two bytes for a mortal era. */
    public byte[] encode() {
        if (isImmortal()) {
            return new byte[] {0};
        }
        int trailingZeros = Long.numberOfTrailingZeros(period);
        long quantizeFactor = Math.max(period >> 12, 1);
        int encoded = (int) (Math.min(15, Math.max(1, trailingZeros - 1)) | ((phase / quantizeFactor) << 4));
        return new byte[] {(byte) encoded, (byte) (encoded >>> 8)};
    }

    /** Two eras are equal when they encode alike. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Era e && e.period == period && e.phase == phase;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(period * 31 + phase);
    }

    /** {@code Era[immortal]} or {@code Era[period, phase]}. */
    @Override
    public String toString() {
        return isImmortal() ? "Era[immortal]" : "Era[period=" + period + ", phase=" + phase + ", 0x"
                + HexFormat.of().formatHex(encode()) + "]";
    }
}
