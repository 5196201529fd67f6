package io.threebot.deployer.billing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.internal.billing.OperatorSpending;
import io.threebot.deployer.internal.billing.Refunds;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Every matching rule of user payments, on the simulated ledger with a clock the test moves. */
class PaymentMatchingTest {
    private static final String USER = "GUSERWALLET";
    private static final long FEE = Tft.STROOPS / 100;

    private final SimulatedClock clock = new SimulatedClock();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final SimulatedLedger ledger = new SimulatedLedger(clock);
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(clock, Duration.ofMillis(1));
    private final BillingSettings settings = BillingSettings.builder().paymentTimeout(Duration.ofMinutes(10)).build();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();
    private UserBilling billing = billing();

    private UserBilling billing() {
        return new UserBilling(store, ledger, grid, settings,
                new OperatorSpending(store, settings.operatorDailyCapStroops(), clock), clock, events::add);
    }

    private UserPayment open() {
        return billing.open("ann", PurchaseKind.DEPLOY, "", "annbot", Flavor.SILVER, 14);
    }

    private UserBilling.Target target() {
        return new UserBilling.Target(PurchaseKind.DEPLOY, "", "annbot", Flavor.SILVER, 14);
    }

    @Test
    void theRequestAsksTheQuotedCostPlusTheFeeWithAUniqueMemoAndADeadline() {
        UserPayment p = open();
        UserPayment q = open();
        assertThat(p.costStroops()).isEqualTo(billing.quote(Flavor.SILVER, 14)).isPositive();
        assertThat(p.amountStroops()).isEqualTo(p.costStroops() + FEE);
        assertThat(p.memo()).matches("[a-z0-9]{20}").isNotEqualTo(q.memo());
        assertThat(p.deadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(10)));
        assertThat(p.walletUri()).isEqualTo("TFT:" + SimulatedLedger.OPERATOR_ADDRESS + "?amount=" + p.amountText()
                + "&message=" + p.memo() + "&sender=me");
        assertThat(ledger.demands()).extracting(d -> d.memo()).containsExactly(p.memo(), q.memo());
    }

    @Test
    void anExactPaymentPaysTheRequest() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        UserPayment seen = billing.observe(p.id());
        assertThat(seen.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(seen.receivedStroops()).isEqualTo(p.amountStroops());
        assertThat(ledger.refunds()).isEmpty();
        assertThat(events).extracting(DeploymentEvent::kind).containsExactly(DeploymentEvent.Kind.PAYMENT_REQUESTED,
                DeploymentEvent.Kind.PAYMENT_RECEIVED);
    }

    @Test
    void onlyTheExactMemoCounts() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo().toUpperCase());
        ledger.pay(USER, p.amountStroops(), p.memo() + " ");
        ledger.pay(USER, p.amountStroops(), p.memo().substring(1));
        assertThat(billing.observe(p.id()).status()).isEqualTo(PaymentStatus.AWAITING);
        assertThat(billing.observe(p.id()).transfers()).isEmpty();
    }

    @Test
    void smallerTransfersAreKeptAndPayTheRequestOnceTheirSumReachesTheAmount() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops() / 3, p.memo());
        UserPayment partly = billing.observe(p.id());
        assertThat(partly.status()).isEqualTo(PaymentStatus.AWAITING);
        assertThat(partly.receivedStroops()).isEqualTo(p.amountStroops() / 3);
        assertThatThrownBy(() -> billing.use("ann", p.id(), target(), "op-1"))
                .isInstanceOf(PaymentRequiredException.class)
                .hasMessageContaining(Tft.format(p.amountStroops() / 3) + " of " + p.amountText() + " TFT arrived");

        ledger.pay(USER, p.amountStroops() - p.amountStroops() / 3, p.memo());
        assertThat(billing.observe(p.id()).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(ledger.refunds()).isEmpty();
    }

    @Test
    void anOverpaymentIsRefundedInFullOnce() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops() + 5 * Tft.STROOPS, p.memo());
        assertThat(billing.observe(p.id()).status()).isEqualTo(PaymentStatus.PAID);
        billing.observe(p.id());
        billing.sweep();
        assertThat(ledger.refunds()).singleElement().satisfies(r -> {
            assertThat(r.amountStroops()).isEqualTo(5 * Tft.STROOPS);
            assertThat(r.destination()).isEqualTo(USER);
        });
        assertThat(ledger.netOf(USER)).isEqualTo(-p.amountStroops());
    }

    @Test
    void aRequestNeverPaidExpiresAndRefundsNothing() {
        UserPayment p = open();
        clock.advance(Duration.ofMinutes(11));
        UserPayment expired = billing.observe(p.id());
        assertThat(expired.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(ledger.refunds()).isEmpty();
        assertThatThrownBy(() -> billing.use("ann", p.id(), target(), "op-1"))
                .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("was not paid in time");
    }

    @Test
    void anExpiredPartlyPaidRequestRefundsWhatArrivedMinusTheFee() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops() / 2, p.memo());
        billing.observe(p.id());
        clock.advance(Duration.ofMinutes(11));
        assertThat(billing.observe(p.id()).status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(ledger.refunds()).singleElement()
                .satisfies(r -> assertThat(r.amountStroops()).isEqualTo(p.amountStroops() / 2 - FEE));
    }

    @Test
    void aPaymentArrivingAfterTheDeadlineDoesNotCountAndIsRefundedMinusTheFee() {
        UserPayment p = open();
        clock.advance(Duration.ofMinutes(11));
        ledger.pay(USER, p.amountStroops(), p.memo());
        UserPayment late = billing.observe(p.id());
        assertThat(late.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(late.receivedStroops()).isZero();
        assertThat(ledger.refunds()).singleElement()
                .satisfies(r -> assertThat(r.amountStroops()).isEqualTo(p.amountStroops() - FEE));
        assertThat(ledger.netOf(USER)).isEqualTo(-FEE);
    }

    @Test
    void aRequestPaidTwiceRefundsTheSecondPaymentMinusTheFee() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        billing.observe(p.id());
        ledger.pay(USER, p.amountStroops(), p.memo());
        UserPayment twice = billing.observe(p.id());
        assertThat(twice.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(twice.receivedStroops()).isEqualTo(p.amountStroops());
        assertThat(ledger.refunds()).singleElement()
                .satisfies(r -> assertThat(r.amountStroops()).isEqualTo(p.amountStroops() - FEE));
    }

    @Test
    void anOperationThatFailsAfterPaymentRefundsTheUserInFullExactlyOnce() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        UserPayment used = billing.use("ann", p.id(), target(), "op-1");
        assertThat(used.status()).isEqualTo(PaymentStatus.IN_USE);
        assertThat(billing.creditOf(p.id(), "op-1")).isEqualTo(p.costStroops());
        assertThat(billing.creditOf(p.id(), "op-2")).isZero();

        UserPayment refunded = billing.refundInFull(p.id(), "op-1", "deploy failed");
        billing.refundInFull(p.id(), "op-1", "deploy failed");
        billing.sweep();
        assertThat(refunded.status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(Refunds.note(refunded)).isEqualTo(" Your payment of " + p.amountText() + " TFT is refunded in full.");
        assertThat(ledger.refunds()).singleElement()
                .satisfies(r -> assertThat(r.amountStroops()).isEqualTo(p.amountStroops()));
        assertThat(ledger.netOf(USER)).isZero();
        assertThat(billing.creditOf(p.id(), "op-1")).isZero();
    }

    @Test
    void aRefundWhoseAnswerWasLostIsResumedWithoutASecondRefund() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        billing.use("ann", p.id(), target(), "op-1");
        ledger.loseNextRefundAnswers(1);

        UserPayment pending = billing.refundInFull(p.id(), "op-1", "deploy failed");
        assertThat(pending.refundsPending()).as("journaled, not known to be sent").isTrue();
        assertThat(ledger.refunds()).hasSize(1);

        billing = billing(); // a deployer started again on the same store
        billing.sweep();
        UserPayment done = billing.get("ann", p.id());
        assertThat(done.refundsPending()).isFalse();
        assertThat(ledger.refunds()).as("the same key sends once").hasSize(1);
        assertThat(ledger.netOf(USER)).isZero();
    }

    @Test
    void aRefundTheWalletRefusedIsSentByALaterSweep() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        billing.use("ann", p.id(), target(), "op-1");
        ledger.failNextRefunds(1);
        billing.refundInFull(p.id(), "op-1", "deploy failed");
        assertThat(ledger.refunds()).isEmpty();

        billing = billing();
        billing.sweep();
        billing.sweep();
        assertThat(ledger.refunds()).extracting(RefundOrder::amountStroops).containsExactly(p.amountStroops());
    }

    @Test
    void aPaidRequestNoOperationUsedIsRefundedInFullAfterTheHold() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        billing.sweep();
        assertThat(billing.get("ann", p.id()).status()).isEqualTo(PaymentStatus.PAID);
        clock.advance(settings.unusedPaymentHold().plusMinutes(1));
        billing.sweep();
        assertThat(billing.get("ann", p.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(ledger.netOf(USER)).isZero();
        assertThatThrownBy(() -> billing.use("ann", p.id(), target(), "op-1"))
                .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("was used already");
    }

    @Test
    void withdrawingCancelsAnOpenRequestAndRefundsAPaidOne() {
        UserPayment open = open();
        ledger.pay(USER, open.amountStroops() / 2, open.memo());
        assertThat(billing.withdraw(open.id()).status()).isEqualTo(PaymentStatus.CANCELLED);
        UserPayment paid = open();
        ledger.pay(USER, paid.amountStroops(), paid.memo());
        billing.observe(paid.id());
        assertThat(billing.withdraw(paid.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(ledger.refunds()).extracting(RefundOrder::amountStroops)
                .containsExactly(open.amountStroops() / 2 - FEE, paid.amountStroops());

        ledger.pay(USER, open.amountStroops(), open.memo());
        billing.sweep();
        assertThat(ledger.refunds()).as("a payment to a cancelled request goes back").hasSize(3);
    }

    @Test
    void aPaymentServesOnlyItsOwnerAndItsOwnPurchaseAndOnlyOnce() {
        UserPayment p = open();
        ledger.pay(USER, p.amountStroops(), p.memo());
        assertThatThrownBy(() -> billing.use("bob", p.id(), target(), "op-1"))
                .isInstanceOf(PaymentNotFoundException.class);
        assertThatThrownBy(() -> billing.get("ann", "no-such-id")).isInstanceOf(PaymentNotFoundException.class)
                .hasMessage(catchMessage(() -> billing.get("bob", p.id())).replace(p.id(), "no-such-id"));
        assertThatThrownBy(() -> billing.use("ann", p.id(), new UserBilling.Target(PurchaseKind.DEPLOY, "",
                "annbot", Flavor.PLATINUM, 14), "op-1")).isInstanceOf(PaymentRequiredException.class)
                .hasMessageContaining("not for this operation");
        assertThatThrownBy(() -> billing.use("ann", p.id(), new UserBilling.Target(PurchaseKind.DEPLOY, "",
                "annbot", Flavor.SILVER, 365), "op-1")).isInstanceOf(PaymentRequiredException.class);
        billing.use("ann", p.id(), target(), "op-1");
        assertThat(billing.use("ann", p.id(), target(), "op-1").status()).as("a resumed step").isEqualTo(
                PaymentStatus.IN_USE);
        assertThatThrownBy(() -> billing.use("ann", p.id(), target(), "op-2"))
                .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("was used already");
        billing.settle(p.id(), "op-1");
        assertThat(billing.get("ann", p.id()).status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(billing.refundInFull(p.id(), "op-1", "too late").status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(ledger.refunds()).isEmpty();
    }

    private static String catchMessage(Runnable call) {
        try {
            call.run();
            return "";
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}
