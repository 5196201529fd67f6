package io.threebot.deployer.internal.grid;

import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.Payments;
import java.util.Optional;

/**
 * The pool payments of a deployer on a hosting grid only (TFGrid v3): there are no pools to pay, so none was ever
 * paid, and a payment asked for is refused naming the grid.
 */
public final class NoPoolPayments implements Payments {
    private final String gridName;

    public NoPoolPayments(String gridName) {
        this.gridName = gridName;
    }

    @Override
    public PaymentReceipt pay(PaymentRequest request) {
        throw new PaymentException("this deployer runs on " + gridName + ", which has no capacity pools to pay");
    }

    @Override
    public Optional<PaymentReceipt> findByMemo(String memo) {
        return Optional.empty();
    }

    @Override
    public PaymentReceipt refund(String paymentId, String reason) {
        throw new PaymentException("this deployer runs on " + gridName + ", which has no pool payments to refund");
    }
}
