package io.threebot.deployer.sim;

import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentDestination;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.spi.RefundReceipt;
import io.threebot.deployer.spi.UserPayments;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The operator's receiving wallet and its users' wallets, in memory: users pay with {@link #pay}, the deployer
 * observes and refunds through {@link UserPayments}. Optionally a simulated user pays every request by itself
 * ({@link #payRequestsAfter}), as a person with a wallet app would. Refunds can be made to fail, or to go
 * through while the answer is lost, as on a real network. Thread-safe.
 */
public final class SimulatedLedger implements UserPayments {
    /** The operator's receiving address on the simulated ledger. */
    public static final String OPERATOR_ADDRESS = "GSIMULATEDOPERATORWALLET000000000000000000000000000000000";
    /** The wallet that pays requests when {@link #payRequestsAfter} is on. */
    public static final String AUTO_PAYER = "GSIMULATEDUSERWALLET0000000000000000000000000000000000000";

    private final Clock clock;
    private final List<IncomingTransfer> received = new ArrayList<>();
    private final Map<String, RefundReceipt> refundsByKey = new LinkedHashMap<>();
    private final Map<String, RefundOrder> refundOrders = new LinkedHashMap<>();
    private final Map<String, Long> balances = new HashMap<>();
    private final List<PaymentDemand> demands = new ArrayList<>();
    private final List<ScheduledPayment> scheduled = new ArrayList<>();
    private Optional<Duration> autoPayDelay = Optional.empty();
    private int refundFailuresLeft;
    private int lostRefundAnswersLeft;
    private int observeFailuresLeft;

    private record ScheduledPayment(PaymentDemand demand, Instant at) {
    }

    public SimulatedLedger(Clock clock) {
        this.clock = clock;
    }

    /** From now on a simulated user pays each new request in full, {@code delay} after it was made. */
    public synchronized SimulatedLedger payRequestsAfter(Duration delay) {
        this.autoPayDelay = Optional.of(delay);
        return this;
    }

    /** From now on nobody pays requests by themselves. */
    public synchronized SimulatedLedger payNothing() {
        this.autoPayDelay = Optional.empty();
        return this;
    }

    @Override
    public synchronized PaymentDestination request(PaymentDemand demand) {
        demands.add(demand);
        autoPayDelay.ifPresent(delay -> scheduled.add(new ScheduledPayment(demand, clock.instant().plus(delay))));
        return new PaymentDestination(OPERATOR_ADDRESS, "TFT");
    }

    @Override
    public synchronized List<IncomingTransfer> observe(String memo) {
        if (observeFailuresLeft > 0) {
            observeFailuresLeft--;
            throw new PaymentException("simulated wallet outage while reading transfers");
        }
        runScheduled();
        return received.stream().filter(t -> t.memo().equals(memo)).toList();
    }

    @Override
    public synchronized RefundReceipt refund(RefundOrder order) {
        RefundReceipt existing = refundsByKey.get(order.idempotencyKey());
        if (existing != null) {
            return existing;
        }
        if (refundFailuresLeft > 0) {
            refundFailuresLeft--;
            throw new PaymentException("simulated refund failure for " + order.idempotencyKey());
        }
        RefundReceipt receipt = new RefundReceipt(order.idempotencyKey(), "sim-refund-" + (refundsByKey.size() + 1),
                order.amountStroops());
        refundsByKey.put(order.idempotencyKey(), receipt);
        refundOrders.put(order.idempotencyKey(), order);
        balances.merge(order.destination(), order.amountStroops(), Long::sum);
        balances.merge(OPERATOR_ADDRESS, -order.amountStroops(), Long::sum);
        if (lostRefundAnswersLeft > 0) {
            lostRefundAnswersLeft--;
            throw new PaymentException("simulated network failure after refund " + order.idempotencyKey()
                    + " went through");
        }
        return receipt;
    }

    /** A user's transfer to the operator's wallet; returns its id. */
    public synchronized String pay(String sender, long amountStroops, String memo) {
        return receive(sender, amountStroops, memo, clock.instant());
    }

    private String receive(String sender, long amountStroops, String memo, Instant at) {
        IncomingTransfer transfer = new IncomingTransfer("sim-tx-" + (received.size() + 1), sender, amountStroops,
                memo, at);
        received.add(transfer);
        balances.merge(sender, -amountStroops, Long::sum);
        balances.merge(OPERATOR_ADDRESS, amountStroops, Long::sum);
        return transfer.transferId();
    }

    /** The next {@code times} refunds fail before any money moves. */
    public synchronized void failNextRefunds(int times) {
        refundFailuresLeft += times;
    }

    /** The next {@code times} refunds go through, but the caller hears a failure (its answer was lost). */
    public synchronized void loseNextRefundAnswers(int times) {
        lostRefundAnswersLeft += times;
    }

    /** The next {@code times} reads of transfers fail. */
    public synchronized void failNextObservations(int times) {
        observeFailuresLeft += times;
    }

    /** What an address gained (positive) or paid (negative) on this ledger so far, in stroops. */
    public synchronized long netOf(String address) {
        return balances.getOrDefault(address, 0L);
    }

    /** Every refund sent, oldest first. */
    public synchronized List<RefundOrder> refunds() {
        return List.copyOf(refundOrders.values());
    }

    /** Every payment request the deployer made, oldest first. */
    public synchronized List<PaymentDemand> demands() {
        return List.copyOf(demands);
    }

    private void runScheduled() {
        Instant now = clock.instant();
        scheduled.removeIf(s -> {
            if (s.at().isAfter(now)) {
                return false;
            }
            receive(AUTO_PAYER, s.demand().amountStroops(), s.demand().memo(), s.at());
            return true;
        });
    }
}
