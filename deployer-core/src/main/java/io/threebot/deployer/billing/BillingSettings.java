package io.threebot.deployer.billing;

import io.threebot.deployer.support.Durations;
import java.time.Duration;

/**
 * What users pay and the limits on what they buy. Build with {@link #builder()}; every value has a default.
 *
 * @param feeStroops                the transaction fee added to every payment request (0.01 TFT)
 * @param paymentTimeout            how long a user has to pay a request (10 minutes)
 * @param maxDaysPerPurchase        the most days one purchase buys (365); the least is 1
 * @param maxThreebotsPerOwner      how many 3Bots one owner may have that are not destroyed (5)
 * @param operatorDailyCapStroops   the most the operator's wallet pays to the grid in one UTC day (10 000 TFT);
 *                                  purchases past it are refused before the user pays
 * @param unusedPaymentHold         a paid request that no operation used within this time is refunded (1 hour)
 * @param lateTransferWatch         how long a closed request is still watched, so late transfers are refunded
 *                                  (24 hours)
 * @param sweepInterval             how often open requests are matched and pending refunds retried (30 seconds)
 * @param maxOpenRequestsPerOwner   how many payment requests one owner may have waiting to be paid at once (10),
 *                                  across deployer instances; one more is refused at once
 */
public record BillingSettings(long feeStroops, Duration paymentTimeout, int maxDaysPerPurchase,
                              int maxThreebotsPerOwner, long operatorDailyCapStroops, Duration unusedPaymentHold,
                              Duration lateTransferWatch, Duration sweepInterval, int maxOpenRequestsPerOwner) {
    /** The fewest days a purchase buys. */
    public static final int MIN_DAYS_PER_PURCHASE = 1;

    public BillingSettings {
        if (feeStroops < 0 || operatorDailyCapStroops < 0) {
            throw new IllegalArgumentException("the fee and the daily cap must not be negative");
        }
        if (maxDaysPerPurchase < MIN_DAYS_PER_PURCHASE || maxThreebotsPerOwner < 1 || maxOpenRequestsPerOwner < 1) {
            throw new IllegalArgumentException("maxDaysPerPurchase, maxThreebotsPerOwner and maxOpenRequestsPerOwner "
                    + "must be positive");
        }
        Durations.requirePositive(paymentTimeout, "paymentTimeout");
        Durations.requirePositive(unusedPaymentHold, "unusedPaymentHold");
        Durations.requirePositive(lateTransferWatch, "lateTransferWatch");
        Durations.requirePositive(sweepInterval, "sweepInterval");
    }

    public static Builder builder() {
        return new Builder();
    }

    public static BillingSettings defaults() {
        return builder().build();
    }

    /** Why {@code days} cannot be bought in one purchase, if it cannot. */
    public java.util.Optional<String> daysProblem(long days) {
        return days < MIN_DAYS_PER_PURCHASE || days > maxDaysPerPurchase
                ? java.util.Optional.of("Buy from " + MIN_DAYS_PER_PURCHASE + " to " + maxDaysPerPurchase
                + " days at a time.")
                : java.util.Optional.empty();
    }

    /** A builder starting from these settings. */
    public Builder toBuilder() {
        return new Builder().feeStroops(feeStroops).paymentTimeout(paymentTimeout)
                .maxDaysPerPurchase(maxDaysPerPurchase).maxThreebotsPerOwner(maxThreebotsPerOwner)
                .operatorDailyCapStroops(operatorDailyCapStroops).unusedPaymentHold(unusedPaymentHold)
                .lateTransferWatch(lateTransferWatch).sweepInterval(sweepInterval)
                .maxOpenRequestsPerOwner(maxOpenRequestsPerOwner);
    }

    /** Builds {@link BillingSettings}. */
    public static final class Builder {
        private long feeStroops = Tft.STROOPS / 100;
        private Duration paymentTimeout = Duration.ofMinutes(10);
        private int maxDaysPerPurchase = 365;
        private int maxThreebotsPerOwner = 5;
        private long operatorDailyCapStroops = 10_000 * Tft.STROOPS;
        private Duration unusedPaymentHold = Duration.ofHours(1);
        private Duration lateTransferWatch = Duration.ofHours(24);
        private Duration sweepInterval = Duration.ofSeconds(30);
        private int maxOpenRequestsPerOwner = 10;

        private Builder() {
        }

        public Builder feeStroops(long value) {
            this.feeStroops = value;
            return this;
        }

        public Builder paymentTimeout(Duration value) {
            this.paymentTimeout = value;
            return this;
        }

        public Builder maxDaysPerPurchase(int value) {
            this.maxDaysPerPurchase = value;
            return this;
        }

        public Builder maxThreebotsPerOwner(int value) {
            this.maxThreebotsPerOwner = value;
            return this;
        }

        public Builder operatorDailyCapStroops(long value) {
            this.operatorDailyCapStroops = value;
            return this;
        }

        public Builder unusedPaymentHold(Duration value) {
            this.unusedPaymentHold = value;
            return this;
        }

        public Builder lateTransferWatch(Duration value) {
            this.lateTransferWatch = value;
            return this;
        }

        public Builder sweepInterval(Duration value) {
            this.sweepInterval = value;
            return this;
        }

        public Builder maxOpenRequestsPerOwner(int value) {
            this.maxOpenRequestsPerOwner = value;
            return this;
        }

        public BillingSettings build() {
            return new BillingSettings(feeStroops, paymentTimeout, maxDaysPerPurchase, maxThreebotsPerOwner,
                    operatorDailyCapStroops, unusedPaymentHold, lateTransferWatch, sweepInterval,
                    maxOpenRequestsPerOwner);
        }
    }
}
