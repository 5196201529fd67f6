package io.threebot.deployer.examples.host;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.sim.SimulatedLedger;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The simulated user wallet of a demo host: it pays a payment request only when the user presses "Pay with the demo
 * wallet" on the page, so the payment step can be seen and tried. It exists only on simulated ledgers (the embedded
 * grid's, or a grid server's), never on a real one.
 *
 * <p>Each request is paid at most once by this wallet, whatever is pressed at once: the first press takes the
 * request, every later one is refused ({@link InvalidStateException}, 409), so a double click never pays twice.
 */
final class DemoWallet {
    /** Sends one transfer from the simulated user's wallet; returns the transfer's id. */
    @FunctionalInterface
    interface Transfer {
        String pay(String sender, long amountStroops, String memo);
    }

    private final Transfer transfer;
    private final Set<String> paid = ConcurrentHashMap.newKeySet();

    DemoWallet(Transfer transfer) {
        this.transfer = Objects.requireNonNull(transfer, "transfer");
    }

    /** The demo wallet of an embedded simulated ledger. */
    static DemoWallet on(SimulatedLedger ledger) {
        return new DemoWallet(ledger::pay);
    }

    /** The demo wallet of a grid server's simulated ledger, shared by every host instance on that grid. */
    static DemoWallet on(RemoteSimulation grid) {
        return new DemoWallet(grid::payAsUser);
    }

    /**
     * Pays the request in full from the simulated user's wallet.
     *
     * @throws InvalidStateException when the request no longer waits for a payment, or this wallet paid it already
     */
    String pay(UserPayment request) {
        if (request.status() != PaymentStatus.AWAITING) {
            throw new InvalidStateException("Payment request " + request.id() + " is "
                    + request.status().name().toLowerCase(java.util.Locale.ROOT) + "; it waits for no payment.");
        }
        if (request.amountStroops() <= 0) {
            throw new InvalidInputException("payment", "payment request " + request.id() + " asks for nothing");
        }
        if (!paid.add(request.id())) {
            throw new InvalidStateException("The demo wallet paid request " + request.id() + " already.");
        }
        return transfer.pay(SimulatedLedger.AUTO_PAYER, request.amountStroops(), request.memo());
    }
}
