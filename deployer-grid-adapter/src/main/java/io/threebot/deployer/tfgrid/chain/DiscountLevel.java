package io.threebot.deployer.tfgrid.chain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.Optional;

/**
 * The discount tfchain gives a contract's bill ({@code pallet-smart-contract}'s {@code DiscountLevel}), by how many
 * months of that contract's cost (30 days of its hourly cost) its twin's balance holds when it is billed: 20% from
 * 1.5 months, 30% from 3, 40% from 6, 60% from 18. The chain multiplies by the fixed-point value of the double
 * {@code 0.8} (and so on), which is a little over or under the decimal one, and rounds up: 1,000 at 20% off is billed
 * 801. {@link #of} does the same.
 */
public enum DiscountLevel {
    /** Under 1.5 months: the full price. */
    NONE("None", 0, 10),
    /** 1.5 months: 20% off. */
    DEFAULT("Default", 3, 8),
    /** 3 months: 30% off. */
    BRONZE("Bronze", 6, 7),
    /** 6 months: 40% off. */
    SILVER("Silver", 12, 6),
    /** 18 months: 60% off. */
    GOLD("Gold", 36, 4);

    /** The hours of the month the chain counts months of cost in. */
    public static final int HOURS_PER_MONTH = 30 * 24;

    private final String chainName;
    private final int halfMonths;
    /** The chain's price multiplier: {@code U64F64::from_num(0.8)} holds the double 0.8 exactly. */
    private final BigDecimal multiplier;

    DiscountLevel(String chainName, int halfMonths, int tenthsPaid) {
        this.chainName = chainName;
        this.halfMonths = halfMonths;
        this.multiplier = tenthsPaid == 10 ? BigDecimal.ONE : new BigDecimal(tenthsPaid / 10.0);
    }

    /** The level the chain gives a bill of {@code hourlyCost} (before discount) when the balance holds this much. */
    public static DiscountLevel earnedBy(BigInteger balance, BigDecimal hourlyCost) {
        DiscountLevel earned = NONE;
        for (DiscountLevel level : values()) {
            if (new BigDecimal(balance).compareTo(level.threshold(hourlyCost)) >= 0) {
                earned = level;
            }
        }
        return earned;
    }

    /** The level of a bill as the chain and gridproxy name it ({@code "Gold"}); empty for a name it does not give. */
    public static Optional<DiscountLevel> named(String name) {
        for (DiscountLevel level : values()) {
            if (level.chainName.equalsIgnoreCase(name == null ? "" : name.trim())) {
                return Optional.of(level);
            }
        }
        return Optional.empty();
    }

    /** Its name on the chain. */
    public String chainName() {
        return chainName;
    }

    /** The least balance that earns it for a bill of {@code hourlyCost} an hour before discount. */
    public BigDecimal threshold(BigDecimal hourlyCost) {
        return hourlyCost.multiply(BigDecimal.valueOf((long) HOURS_PER_MONTH * halfMonths))
                .divide(BigDecimal.valueOf(2));
    }

    /** What is billed of an amount due before discount, rounded up as the chain rounds it. */
    public BigInteger of(BigDecimal due) {
        return due.multiply(multiplier).setScale(0, RoundingMode.CEILING).toBigIntegerExact();
    }

    /** The amount due before discount of an amount billed at this level. */
    public BigDecimal undiscounted(BigInteger billed) {
        return new BigDecimal(billed).divide(multiplier, MathContext.DECIMAL128);
    }

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
