package io.threebot.deployer.examples;

import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.examples.gridserver.RemoteSimulation;
import io.threebot.deployer.billing.PaymentQrCode;
import io.threebot.deployer.sim.SimulatedLedger;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The demo user's wallet on the simulated ledger: shows each payment request with its QR code drawn in the
 * terminal, and pays it, unless the demo runs with {@code --no-pay}.
 */
final class DemoWallet {
    /** The demo user's address on the simulated ledger. */
    static final String ADDRESS = "GDEMOUSERWALLET00000000000000000000000000000000000000000000";

    /** Where the demo user pays: the embedded simulated ledger, or a grid server's. */
    interface Ledger {
        void pay(String sender, long stroops, String memo);

        long netOf(String address);

        /** The demo user's address on this ledger. */
        default String userAddress() {
            return ADDRESS;
        }

        /** The demo user paying TFT on Stellar through the SDK ({@code --wallet stellar}). */
        static Ledger of(StellarDemo stellar) {
            long start = stellar.userTft();
            return new Ledger() {
                @Override
                public void pay(String sender, long stroops, String memo) {
                    stellar.pay(stroops, memo);
                }

                @Override
                public long netOf(String address) {
                    return stellar.userTft() - start;
                }

                @Override
                public String userAddress() {
                    return stellar.userAccount().orElse(ADDRESS);
                }
            };
        }

        static Ledger of(SimulatedLedger ledger) {
            return new Ledger() {
                @Override
                public void pay(String sender, long stroops, String memo) {
                    ledger.pay(sender, stroops, memo);
                }

                @Override
                public long netOf(String address) {
                    return ledger.netOf(address);
                }
            };
        }

        static Ledger of(RemoteSimulation grid) {
            return new Ledger() {
                @Override
                public void pay(String sender, long stroops, String memo) {
                    grid.payAsUser(sender, stroops, memo);
                }

                @Override
                public long netOf(String address) {
                    return grid.netOf(address);
                }
            };
        }
    }

    private final Ledger ledger;
    private final PrintStream out;
    private final boolean pays;

    DemoWallet(Ledger ledger, PrintStream out, boolean pays) {
        this.ledger = ledger;
        this.out = out;
        this.pays = pays;
    }

    /** Shows a request (amount, address, memo, deadline, QR code) and pays it in full unless told not to. */
    void settle(String amount, String currency, String address, String memo, String walletUri, String deadline) {
        out.println("  Pay " + amount + " " + currency + " to " + address);
        out.println("  memo " + memo + ", before " + Instant.parse(deadline).truncatedTo(ChronoUnit.SECONDS)
                + "; scan with a wallet app:");
        out.println("  " + walletUri);
        PaymentQrCode.of(walletUri).terminalText().lines().forEach(l -> out.println("    " + l));
        if (!pays) {
            out.println("  (--no-pay: the demo user does not pay)");
            return;
        }
        long stroops = new BigDecimal(amount).movePointRight(7).longValueExact();
        ledger.pay(ledger.userAddress(), stroops, memo);
        out.println("  Paid " + amount + " " + currency + " from the demo user's wallet " + ledger.userAddress());
    }

    /** Settles a payment request a service call needs, and returns its id. */
    String settle(UserPayment payment) {
        settle(payment.amountText(), payment.currency(), payment.address(), payment.memo(), payment.walletUri(),
                payment.deadline().toString());
        return payment.id();
    }

    /** What the demo user paid in all, net of refunds, in stroops. */
    long spent() {
        return -ledger.netOf(ledger.userAddress());
    }
}
