package io.threebot.deployer.internal.billing;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;

/** How the deployer tells a user that their payment comes back. */
public final class Refunds {
    private Refunds() {
    }

    /** " Your payment of X TFT is refunded in full." for a positive amount; empty for nothing. */
    public static String inFull(long stroops) {
        return stroops > 0 ? " Your payment of " + Tft.format(stroops) + " TFT is refunded in full." : "";
    }

    /** The note for a request refunded in full; empty when it was not. */
    public static String note(UserPayment payment) {
        return payment.status() == PaymentStatus.REFUNDED ? inFull(payment.receivedStroops()) : "";
    }
}
