package io.threebot.deployer.tfgrid.hosting;

import java.math.BigDecimal;

/** Amounts of TFT for messages: 10^-7 TFT units shown as TFT. */
final class Tft {
    private Tft() {
    }

    /** {@code 12.5 TFT} for 125000000. */
    static String format(long stroops) {
        return BigDecimal.valueOf(stroops, 7).stripTrailingZeros().toPlainString() + " TFT";
    }
}
