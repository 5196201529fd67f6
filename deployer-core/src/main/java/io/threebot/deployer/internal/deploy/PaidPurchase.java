package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.billing.PurchaseKind;
import java.util.Objects;

/** The user's payment request an operation is to use, and what it was made for. */
public record PaidPurchase(String paymentId, PurchaseKind kind) {
    public PaidPurchase {
        Objects.requireNonNull(paymentId, "paymentId");
        Objects.requireNonNull(kind, "kind");
    }
}
