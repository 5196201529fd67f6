package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigInteger;
import org.junit.jupiter.api.Test;

/** The local chain bills with tfchain's discount levels, by the months of a contract's cost the balance holds. */
class BillingTest {
    private static final BigInteger HOURLY = BigInteger.valueOf(1_000);

    private static BigInteger months(double months) {
        return BigInteger.valueOf(Math.round(months * 720 * 1_000));
    }

    @Test
    void theLevelFollowsTheMonthsOfTheContractsCostTheBalanceHolds() {
        assertThat(Billing.discountLevel(HOURLY, 3600, months(1.49))).isEqualTo("None");
        assertThat(Billing.discountLevel(HOURLY, 3600, months(1.5))).isEqualTo("Default");
        assertThat(Billing.discountLevel(HOURLY, 3600, months(3))).isEqualTo("Bronze");
        assertThat(Billing.discountLevel(HOURLY, 3600, months(6))).isEqualTo("Silver");
        assertThat(Billing.discountLevel(HOURLY, 3600, months(17.9))).isEqualTo("Silver");
        assertThat(Billing.discountLevel(HOURLY, 3600, months(18))).isEqualTo("Gold");
        // a bill for ten minutes is made hourly first: 167 is 1,002 an hour
        assertThat(Billing.discountLevel(BigInteger.valueOf(167), 600, months(1.51))).isEqualTo("Default");
        assertThat(Billing.discountLevel(BigInteger.valueOf(167), 600, months(1.5))).isEqualTo("None");
        assertThat(Billing.discountLevel(BigInteger.ZERO, 3600, months(100))).isEqualTo("None");
    }

    @Test
    void theDiscountedAmountIsTheDoubleMultipliersRoundedUp() {
        // 0.8 and 0.4 as doubles are a little over their decimal values, 0.7 and 0.6 a little under
        assertThat(Billing.discounted(BigInteger.valueOf(1_000), "Default")).isEqualTo(801);
        assertThat(Billing.discounted(BigInteger.valueOf(1_000), "Bronze")).isEqualTo(700);
        assertThat(Billing.discounted(BigInteger.valueOf(1_000), "Silver")).isEqualTo(600);
        assertThat(Billing.discounted(BigInteger.valueOf(1_000), "Gold")).isEqualTo(401);
        assertThat(Billing.discounted(BigInteger.valueOf(999), "Gold")).isEqualTo(400);
        assertThat(Billing.discounted(BigInteger.valueOf(1_000), "None")).isEqualTo(1_000);
    }
}
