package io.threebot.deployer.tfgrid.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.tfgrid.chain.PricingPolicy;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import java.math.BigDecimal;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The quote's arithmetic follows tfchain's cost formulas: compute units, storage units, units of the policy. */
class CapacityQuoteTest {
    private static final long GIB = 1L << 30;
    private static final BotSize SILVER = BotSize.of(Flavor.SILVER);

    private static PricingPolicy policy(long unitBytes) {
        return new PricingPolicy(1, "default", new PricingPolicy.Price(50_000, unitBytes),
                new PricingPolicy.Price(100_000, unitBytes), new PricingPolicy.Price(15_000, unitBytes),
                new PricingPolicy.Price(40_000, 1), new PricingPolicy.Price(5_000, 1),
                new PricingPolicy.Price(10_000, 1));
    }

    /** The VM's and the name's cost an hour under a policy, in 10^-7 USD. */
    private static BigDecimal hourlyUsd(PricingPolicy policy, BotSize size) {
        return CapacityQuote.vmHourlyUsd(policy, size).add(BigDecimal.valueOf(policy.uniqueName().value()));
    }

    @Test
    void computeUnitsAreTheSmallestOfTheThreeWaysToCountCoresAndMemory() {
        // 1 core, 2 GiB: min(max(.5, .5), max(1, .25), max(.25, 1)) = 0.5 CU; 6 GiB SSD = 0.03 SU
        assertThat(hourlyUsd(policy(GIB), BotSize.of(Flavor.SILVER)))
                .isEqualByComparingTo(BigDecimal.valueOf(0.5 * 100_000 + 0.03 * 50_000 + 5_000));
        // 4 cores, 8 GiB: min(max(2, 2), max(4, 1), max(1, 4)) = 2 CU; 10 GiB SSD = 0.05 SU
        assertThat(hourlyUsd(policy(GIB), BotSize.of(Flavor.PLATINUM)))
                .isEqualByComparingTo(BigDecimal.valueOf(2 * 100_000 + 0.05 * 50_000 + 5_000));
        // memory-heavy: 1 core, 16 GiB: min(max(.5, 4), max(1, 2), max(.25, 8)) = 2 CU
        assertThat(hourlyUsd(policy(GIB), new BotSize(1, 16 * GIB, 200 * GIB - BotSize.ROOT_FS_BYTES)))
                .isEqualByComparingTo(BigDecimal.valueOf(2 * 100_000 + 1 * 50_000 + 5_000));
    }

    @Test
    void aPolicyCountingInMegabytesMakesTheSameSizeCost1024TimesTheUnits() {
        BigDecimal gib = hourlyUsd(policy(GIB), BotSize.of(Flavor.GOLD)).subtract(BigDecimal.valueOf(5000));
        BigDecimal mib = hourlyUsd(policy(1L << 20), BotSize.of(Flavor.GOLD))
                .subtract(BigDecimal.valueOf(5000));
        assertThat(mib).isGreaterThan(gib.multiply(BigDecimal.valueOf(500)));
    }

    @Test
    void usdBecomeTftAtThePriceAndEachHourBegunIsPaid() {
        // Silver: 51500 * 1e-7 USD an hour for the VM and 5000 for the name, at 0.01 USD/TFT: 0.565 TFT an hour
        assertThat(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofHours(1), 10)).isEqualTo(5_650_000);
        assertThat(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofMinutes(61), 10)).isEqualTo(2 * 5_650_000);
        assertThat(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofHours(1), 20)).isEqualTo(2_825_000);
        // a month's balance earns the VM no discount; the name, which costs a tenth of it, earns one
        assertThat(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofDays(30), 10))
                .isGreaterThan(5_150_000L * 720).isLessThan(5_650_000L * 720);
    }

    @Test
    void twoMonthsCostLessAndTheChainsBillsInThatTimeNeverTakeMoreThanTheQuote() {
        long quote = CapacityQuote.quote(policy(GIB), SILVER, Duration.ofDays(60), 10);

        assertThat(quote).isLessThan(1440 * 5_650_000L);
        // the chain bills the VM, then the name, each at the level the balance left then earns against its own cost
        long left = billedFor(quote, 1440, 5_150_000, 500_000);
        // the margin kept for the chain's rounding and billing periods longer than an hour
        assertThat(left).as("what is left after two months").isLessThan(quote / 40);
    }

    @Test
    void theTrafficAnOperatorExpectsIsFundedAtThePolicysNetworkUnitPrice() {
        long traffic = 100 * GIB;
        // 100 GiB a month at 15,000 10^-7 USD a GiB: 2083.3 an hour, rounded up to 2084; 0.02084 TFT at 0.01 USD/TFT
        assertThat(CapacityQuote.trafficHourlyUsd(policy(GIB), traffic))
                .isEqualByComparingTo(new BigDecimal("2083.333333333333333333333333333333"));
        assertThat(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofHours(1), 10, traffic))
                .isEqualTo(5_650_000 + 208_400);
        assertThat(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofHours(1), 10, 0)).as("none by default")
                .isEqualTo(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofHours(1), 10));

        // two months of the VM's, the name's and the traffic's bills, each discounted on its own, are paid in full
        long quote = CapacityQuote.quote(policy(GIB), SILVER, Duration.ofDays(60), 10, traffic);
        assertThat(quote).isGreaterThan(CapacityQuote.quote(policy(GIB), SILVER, Duration.ofDays(60), 10));
        long left = billedFor(quote, 1440, 5_150_000, 500_000, 208_400);
        assertThat(left).as("what is left after two months").isLessThan(quote / 40);
    }

    /** What is left of a balance once the chain billed each contract's cost every hour for so many hours. */
    private static long billedFor(long balance, int hours, long... hourlyCosts) {
        long left = balance;
        for (int hour = 0; hour < hours; hour++) {
            for (long cost : hourlyCosts) {
                long bill = chainBill(cost, left);
                assertThat(left).as("hour %d", hour).isGreaterThanOrEqualTo(bill);
                left -= bill;
            }
        }
        return left;
    }

    /** What tfchain bills an hour of a contract of this cost from this balance ({@code cost.rs}). */
    private static long chainBill(long hourlyCost, long balance) {
        double months = balance / (hourlyCost * 720.0);
        double multiplier = months >= 18 ? 0.4 : months >= 6 ? 0.6 : months >= 3 ? 0.7 : months >= 1.5 ? 0.8 : 1;
        return new BigDecimal(hourlyCost).multiply(new BigDecimal(multiplier))
                .setScale(0, java.math.RoundingMode.CEILING).longValueExact();
    }
}
