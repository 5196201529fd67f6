package io.threebot.deployer.tfgrid.chain;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** tfchain's discount levels, and the balance that pays a number of hourly bills as its discount falls. */
class DiscountedBillingTest {
    private static final BigDecimal HOURLY = BigDecimal.valueOf(1_000);
    private static final long MONTH = DiscountLevel.HOURS_PER_MONTH;

    private static BigInteger months(double months) {
        return BigDecimal.valueOf(months).multiply(HOURLY).multiply(BigDecimal.valueOf(MONTH))
                .setScale(0, java.math.RoundingMode.HALF_UP).toBigIntegerExact();
    }

    @Test
    void aBalanceEarnsTheLevelOfTheMonthsOfCostItHolds() {
        assertThat(DiscountLevel.earnedBy(months(1.49), HOURLY)).isEqualTo(DiscountLevel.NONE);
        assertThat(DiscountLevel.earnedBy(months(1.5), HOURLY)).isEqualTo(DiscountLevel.DEFAULT);
        assertThat(DiscountLevel.earnedBy(months(3), HOURLY)).isEqualTo(DiscountLevel.BRONZE);
        assertThat(DiscountLevel.earnedBy(months(5.99), HOURLY)).isEqualTo(DiscountLevel.BRONZE);
        assertThat(DiscountLevel.earnedBy(months(6), HOURLY)).isEqualTo(DiscountLevel.SILVER);
        assertThat(DiscountLevel.earnedBy(months(18), HOURLY)).isEqualTo(DiscountLevel.GOLD);
        assertThat(DiscountLevel.GOLD.of(BigDecimal.valueOf(1_001))).isEqualTo(BigInteger.valueOf(401));
        // the chain's multipliers are the doubles 0.8 (a little over) and so on, and it rounds up
        assertThat(DiscountLevel.DEFAULT.of(BigDecimal.valueOf(1_000))).isEqualTo(BigInteger.valueOf(801));
        assertThat(DiscountLevel.BRONZE.of(BigDecimal.valueOf(1_000))).isEqualTo(BigInteger.valueOf(700));
        assertThat(DiscountLevel.DEFAULT.undiscounted(BigInteger.valueOf(800)))
                .isCloseTo(BigDecimal.valueOf(1_000), org.assertj.core.data.Offset.offset(new BigDecimal("1e-9")));
        assertThat(DiscountLevel.named("Silver")).contains(DiscountLevel.SILVER);
        assertThat(DiscountLevel.named("Platinum")).isEmpty();
    }

    @Test
    void aMonthIsPaidAtTheFullPriceAndLongerPeriodsCostLessAnHour() {
        List<BigDecimal> one = List.of(HOURLY);
        assertThat(DiscountedBilling.balanceFor(one, MONTH)).isEqualTo(months(1));
        // 2 months: the last 1,189 hours at the full price (a balance counts as earning 20% off once it holds, after
        // the hour's bills at the full price, a tenth over 1.5 months of cost), the hours before them at 20% off,
        // billed 801 for 1,000 as the chain rounds it
        assertThat(DiscountedBilling.balanceFor(one, 2 * MONTH))
                .isEqualTo(BigInteger.valueOf(1_189_000 + (2 * MONTH - 1_189) * 801));
        // 2 years: the last 8.4 months paid by 6.6 months of cost (1.65 at the full price, 2.06 at 20% off, 4.71 at
        // 30%), the 15.6 before them at 40% off: between 60% and 70% of two years at the full price
        BigInteger twoYears = DiscountedBilling.balanceFor(one, 24 * MONTH);
        assertThat(twoYears).isGreaterThan(months(15.9)).isLessThan(months(16.0));
        assertThat(DiscountedBilling.hoursPaid(twoYears, one)).isEqualTo(24 * MONTH);
    }

    @Test
    void theBalanceFoundPaysExactlyTheHoursAndOneStroopLessDoesNot() {
        Random random = new Random(7);
        for (int i = 0; i < 200; i++) {
            List<BigDecimal> costs = List.of(BigDecimal.valueOf(1 + random.nextInt(5_000_000), random.nextInt(3)),
                    BigDecimal.valueOf(random.nextInt(600_000)));
            long hours = random.nextInt(20_000);
            BigInteger balance = DiscountedBilling.balanceFor(costs, hours);
            assertThat(DiscountedBilling.hoursPaid(balance, costs)).as("%s for %d hours", costs, hours)
                    .isGreaterThanOrEqualTo(hours);
            if (hours > 0) {
                assertThat(DiscountedBilling.hoursPaid(balance.subtract(BigInteger.ONE), costs))
                        .as("%s for %d hours, less one", costs, hours).isLessThan(hours);
            }
        }
    }

    @Test
    void contractsThatCostNothingArePaidForEverAndNothingIsNeededForNoHours() {
        assertThat(DiscountedBilling.hoursPaid(BigInteger.ZERO, List.of(BigDecimal.ZERO))).isEqualTo(Long.MAX_VALUE);
        assertThat(DiscountedBilling.balanceFor(List.of(HOURLY), 0)).isZero();
        assertThat(DiscountedBilling.hoursPaid(BigInteger.valueOf(999), List.of(HOURLY))).isZero();
        assertThat(DiscountedBilling.hoursPaid(BigInteger.valueOf(1_000), List.of(HOURLY))).isEqualTo(1);
    }
}
