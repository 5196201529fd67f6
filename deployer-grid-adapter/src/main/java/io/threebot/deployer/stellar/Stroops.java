package io.threebot.deployer.stellar;

import java.math.BigDecimal;
import java.util.regex.Pattern;

/** Stellar amounts ({@code "12.3400000"}, 7 decimals) to and from stroops, exactly: never through a double. */
final class Stroops {
    private static final int DECIMALS = 7;
    private static final Pattern AMOUNT = Pattern.compile("[0-9]{1,12}(\\.[0-9]{1,7})?");

    private Stroops() {
    }

    /** {@code 123400000} as {@code "12.3400000"}. */
    static String format(long stroops) {
        if (stroops <= 0) {
            throw new IllegalArgumentException("a payment moves a positive amount");
        }
        return BigDecimal.valueOf(stroops, DECIMALS).toPlainString();
    }

    /**
     * Horizon's amount text ({@code "12.3400000"}) as stroops.
     *
     * @throws HorizonAnswerException when it is not a positive amount of at most 7 decimals that fits a long
     */
    static long parse(String amount) {
        if (amount == null || !AMOUNT.matcher(amount).matches()) {
            throw new HorizonAnswerException("Horizon sent an amount that is not a Stellar amount: "
                    + (amount == null ? "none" : amount.substring(0, Math.min(amount.length(), 40))));
        }
        try {
            long stroops = new BigDecimal(amount).movePointRight(DECIMALS).longValueExact();
            if (stroops <= 0) {
                throw new HorizonAnswerException("Horizon sent an amount that is not positive: " + amount);
            }
            return stroops;
        } catch (ArithmeticException e) {
            throw new HorizonAnswerException("Horizon sent an amount too large for Stellar: " + amount, e);
        }
    }
}
