package io.threebot.deployer.spi;

import java.util.Optional;

/**
 * Pays pool reservations from the operator's wallet.
 *
 * <p>Called from several deployments at once; a memo identifies one payment, so the same memo may come again after a
 * restart.
 */
public interface Payments {

    /**
     * Pays, once per memo: a second call with a memo already paid returns the first receipt and moves no money.
     */
    PaymentReceipt pay(PaymentRequest request);

    Optional<PaymentReceipt> findByMemo(String memo);

    /** Sends a payment back; refunding twice is refunding once. */
    PaymentReceipt refund(String paymentId, String reason);
}
