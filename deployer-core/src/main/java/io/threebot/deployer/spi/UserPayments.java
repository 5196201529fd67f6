package io.threebot.deployer.spi;

import java.util.List;

/**
 * The operator's receiving wallet, through which users pay for what they buy: a 3Bot's first days, a start, a new
 * size or location, an extension. The deployer asks for a payment with a unique memo and a deadline, observes what
 * arrived with that memo, and sends refunds. Which transfers count, when a request is paid, and what is refunded
 * is decided by the deployer, not by the implementation.
 *
 * <p>The embedded default is {@link io.threebot.deployer.sim.SimulatedLedger}; a host plugs its real wallet (a
 * Stellar account, a payment processor) by implementing these three methods. They may be called from several
 * threads at once.
 */
public interface UserPayments {

    /**
     * Announces a payment request, so the wallet can watch for its memo, and says where the user pays. Called once
     * per memo; implementations that need no set-up return the same destination every time.
     */
    PaymentDestination request(PaymentDemand demand);

    /**
     * Every transfer the wallet received whose memo is exactly {@code memo}, oldest first. A transfer keeps its id
     * between calls.
     *
     * @throws PaymentException when the wallet cannot be read now (the deployer asks again later)
     */
    List<IncomingTransfer> observe(String memo);

    /**
     * Sends money back, once per {@link RefundOrder#idempotencyKey()}: a second call with a key already sent
     * returns the first receipt and moves nothing.
     *
     * @throws PaymentException when the refund did not go through (the deployer tries again later with the same
     *                          key)
     */
    RefundReceipt refund(RefundOrder order);
}
