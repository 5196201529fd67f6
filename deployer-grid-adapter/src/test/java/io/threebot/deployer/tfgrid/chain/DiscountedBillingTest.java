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
        assertThat(DiscountLevel.DEFAULT.undiscounted(BigInteger.valueOf(800))).isEqualByComparingTo("1000");
        assertThat(DiscountLevel.named("Silver")).contains(DiscountLevel.SILVER);
        assertThat(DiscountLevel.named("Platinum")).isEmpty();
    }

    @Test
    void aMonthIsPaidAtTheFullPriceAndLongerPeriodsCostLessAnHour() {
        List<BigDecimal> one = List.of(HOURLY);
        assertThat(DiscountedBilling.balanceFor(one, MONTH)).isEqualTo(months(1));
        // 2 months: the last 1.5 (and an hour: a balance earns its level once it holds that much after the hour's
        // bills at the full price) at the full price, the hours before them at 20% off
        assertThat(DiscountedBilling.balanceFor(one, 2 * MONTH))
                .isEqualTo(months(1.5).add(BigInteger.valueOf(1_000 + (MONTH / 2 - 1) * 800)));
        // 2 years: the last 7.66 months paid by 6 months of cost (1.5 at the full price, 1.875 at 20% off, 4.29 at
        // 30%), the 16.34 before them at 40% off
        BigInteger twoYears = DiscountedBilling.balanceFor(one, 24 * MONTH);
        assertThat(twoYears).isGreaterThan(months(6 + 16.3 * 0.6)).isLessThan(months(6 + 16.4 * 0.6));
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
