package io.threebot.deployer.sim;

import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.spi.Payments;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The operator's wallet on the simulated grid: paying an escrow funds the pool reservation behind it. */
public final class SimulatedPayments implements Payments {
    private final SimulatedGrid grid;
    private final Map<String, PaymentReceipt> byMemo = new LinkedHashMap<>();
    private long balanceStroops;
    private int failuresLeft;

    public SimulatedPayments(SimulatedGrid grid, long balanceStroops) {
        this.grid = grid;
        this.balanceStroops = balanceStroops;
    }

    @Override
    public synchronized PaymentReceipt pay(PaymentRequest request) {
        PaymentReceipt existing = byMemo.get(request.memo());
        if (existing != null) {
            return existing;
        }
        if (failuresLeft > 0) {
            failuresLeft--;
            throw new PaymentException("simulated payment failure for " + request.memo());
        }
        if (request.amountStroops() > balanceStroops) {
            throw new PaymentException("the operator wallet holds " + balanceStroops + " stroops, "
                    + request.amountStroops() + " are needed");
        }
        grid.escrowPaid(request.destination(), request.amountStroops());
        balanceStroops -= request.amountStroops();
        PaymentReceipt receipt = new PaymentReceipt("sim-payment-" + (byMemo.size() + 1), request.memo(),
                request.amountStroops(), false);
        byMemo.put(request.memo(), receipt);
        return receipt;
    }

    @Override
    public synchronized Optional<PaymentReceipt> findByMemo(String memo) {
        return Optional.ofNullable(byMemo.get(memo));
    }

    @Override
    public synchronized PaymentReceipt refund(String paymentId, String reason) {
        for (Map.Entry<String, PaymentReceipt> e : byMemo.entrySet()) {
            PaymentReceipt receipt = e.getValue();
            if (receipt.paymentId().equals(paymentId)) {
                if (!receipt.refunded()) {
                    receipt = new PaymentReceipt(receipt.paymentId(), receipt.memo(), receipt.amountStroops(), true);
                    balanceStroops += receipt.amountStroops();
                    e.setValue(receipt);
                }
                return receipt;
            }
        }
        throw new PaymentException("no payment " + paymentId + " to refund");
    }

    /** The next {@code times} payments fail. */
    public synchronized void failNextPayments(int times) {
        failuresLeft += times;
    }

    public synchronized long balanceStroops() {
        return balanceStroops;
    }

    public synchronized List<PaymentReceipt> receipts() {
        return List.copyOf(byMemo.values());
    }
}
