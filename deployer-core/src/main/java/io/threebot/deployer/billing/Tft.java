package io.threebot.deployer.billing;

import java.math.BigDecimal;

/** Amounts in stroops (10<sup>-7</sup> TFT) written for people and wallets. */
public final class Tft {
    /** Stroops in one TFT. */
    public static final long STROOPS = 10_000_000L;

    private Tft() {
    }

    /** {@code 465797000} stroops as {@code 46.5797}: plain digits, no exponent, no trailing zeros. */
    public static String format(long stroops) {
        return BigDecimal.valueOf(stroops, 7).stripTrailingZeros().toPlainString();
    }
}
