package io.threebot.deployer.stellar;

import static io.threebot.deployer.stellar.StellarFixture.TFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.RefundEntry;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.internal.billing.OperatorSpending;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.sim.SimulatedGrid;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ShiftedClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.KeyPair;

/**
 * The deployer's own matching rules ({@link UserBilling}) over real Stellar payments: users pay through the SDK into
 * the Horizon double, the deployer observes and refunds through {@link StellarUserPayments}, and every refund the
 * deployer journals arrives on the user's Stellar account exactly once.
 */
class StellarBillingTest {
    private final StellarFixture fx = new StellarFixture();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final ShiftedClock clock = new ShiftedClock();
    private final SimulatedGrid grid = SimulatedGrid.withSampleTopology(clock, Duration.ofMillis(1));
    private final BillingSettings settings = BillingSettings.builder().paymentTimeout(Duration.ofMinutes(10)).build();
    private final List<StellarUserPayments> wallets = new ArrayList<>();
    private final KeyPair user = fx.user(10_000);

    @AfterEach
    void close() {
        wallets.forEach(StellarUserPayments::close);
        fx.close();
    }

    private UserBilling instance() {
        StellarUserPayments wallet = fx.wallet(store).start();
        wallets.add(wallet);
        return new UserBilling(store, wallet, grid, settings,
                new OperatorSpending(store, settings.operatorDailyCapStroops(), clock), clock, e -> { });
    }

    private UserPayment open(UserBilling billing) {
        return billing.open("ann", PurchaseKind.DEPLOY, "", "annbot", Flavor.SILVER, 14);
    }

    /** Each refund the deployer journaled was sent once, and the user got exactly their sum back. */
    private void assertRefundsArrivedOnce(UserPayment p, long userBefore, long paid) {
        long refunded = p.refunds().stream().mapToLong(RefundEntry::amountStroops).sum();
        assertThat(p.refundsPending()).isFalse();
        assertThat(fx.tftOf(user)).isEqualTo(userBefore - paid + refunded);
        assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-" + p.memo()))
                .hasSize(p.refunds().size())
                .containsExactlyInAnyOrderElementsOf(p.refunds().stream().map(RefundEntry::refundId).toList());
    }

    @Test
    void anExactPaymentPaysTheRequestAndNothingGoesBack() {
        UserBilling billing = instance();
        UserPayment p = open(billing);
        assertThat(p.walletUri()).startsWith("web+stellar:pay?destination=" + fx.operator.getAccountId());
        long before = fx.tftOf(user);

        fx.pay(user, p.amountStroops(), p.memo());
        UserPayment seen = billing.observe(p.id());

        assertThat(seen.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(seen.receivedStroops()).isEqualTo(p.amountStroops());
        billing.sweep();
        assertRefundsArrivedOnce(billing.observe(p.id()), before, p.amountStroops());
    }

    @Test
    void partThenTheRestPaysTheRequestOnceTheSumIsReached() {
        UserBilling billing = instance();
        UserPayment p = open(billing);
        long part = p.amountStroops() / 3;

        fx.pay(user, part, p.memo());
        assertThat(billing.observe(p.id()).status()).isEqualTo(PaymentStatus.AWAITING);
        fx.pay(user, p.amountStroops() - part, p.memo());

        assertThat(billing.observe(p.id()).status()).isEqualTo(PaymentStatus.PAID);
        assertThat(billing.observe(p.id()).refunds()).isEmpty();
    }

    @Test
    void tooMuchIsPaidAndTheRestComesBackOnStellarOnce() {
        UserBilling billing = instance();
        UserPayment p = open(billing);
        long before = fx.tftOf(user);

        fx.pay(user, p.amountStroops() + 5 * TFT, p.memo());
        billing.observe(p.id());
        billing.sweep();
        billing.sweep();

        UserPayment done = billing.observe(p.id());
        assertThat(done.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(done.refundedStroops()).isEqualTo(5 * TFT);
        assertRefundsArrivedOnce(done, before, p.amountStroops() + 5 * TFT);
    }

    @Test
    void aLatePaymentIsRefundedMinusTheFee() {
        UserBilling billing = instance();
        clock.shiftTo(Duration.ofMinutes(-30)); // the request was opened half an hour ago: its deadline is past
        UserPayment p = open(billing);
        clock.shiftTo(Duration.ZERO);
        long before = fx.tftOf(user);

        fx.pay(user, p.amountStroops(), p.memo());
        billing.observe(p.id());
        billing.sweep();

        UserPayment done = billing.observe(p.id());
        assertThat(done.status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(done.refundedStroops()).isEqualTo(p.amountStroops() - p.feeStroops());
        assertRefundsArrivedOnce(done, before, p.amountStroops());
    }

    @Test
    void payingTwiceRefundsTheSecondMinusTheFee() {
        UserBilling billing = instance();
        UserPayment p = open(billing);
        long before = fx.tftOf(user);

        fx.pay(user, p.amountStroops(), p.memo());
        billing.observe(p.id());
        fx.pay(user, p.amountStroops(), p.memo());
        billing.observe(p.id());
        billing.sweep();

        UserPayment done = billing.observe(p.id());
        assertThat(done.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(done.refundedStroops()).isEqualTo(p.amountStroops() - p.feeStroops());
        assertRefundsArrivedOnce(done, before, 2 * p.amountStroops());
    }

    @Test
    void aPaymentWithAnotherMemoPaysNothing() {
        UserBilling billing = instance();
        UserPayment p = open(billing);

        fx.pay(user, p.amountStroops(), p.memo().toUpperCase());
        fx.pay(user, p.amountStroops(), p.memo().substring(1));

        UserPayment seen = billing.observe(p.id());
        assertThat(seen.status()).isEqualTo(PaymentStatus.AWAITING);
        assertThat(seen.transfers()).isEmpty();
    }

    @Test
    void horizonDownForAMinuteInTheMiddleLosesNoPaymentAndARefundTheUserCannotTakeYetIsSentOnceLater() {
        UserBilling billing = instance();
        UserPayment p = open(billing);
        long before = fx.tftOf(user);
        long part = p.amountStroops() / 2;
        fx.pay(user, part, p.memo());
        billing.observe(p.id());

        fx.horizon.goDown();
        assertThatThrownBy(() -> billing.observe(p.id())).isInstanceOf(HorizonUnavailableException.class);
        clock.shiftTo(Duration.ofMinutes(1)); // a minute passes; the request's deadline is not reached yet
        billing.sweep(); // a sweep during the outage moves nothing and breaks nothing
        fx.horizon.comeBack();
        fx.pay(user, p.amountStroops() - part + 2 * TFT, p.memo());
        fx.horizon.removeTrustline(user.getAccountId()); // and the user drops TFT before the 2 TFT over come back
        UserPayment paid = billing.observe(p.id());
        assertThat(paid.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(paid.refundsPending()).isTrue(); // op_no_trust: journaled, not sent

        fx.horizon.addTrustline(user.getAccountId());
        fx.horizon.issueTft(user.getAccountId(), before - p.amountStroops() - 2 * TFT);
        billing.sweep();

        UserPayment done = billing.observe(p.id());
        assertThat(done.refundedStroops()).isEqualTo(2 * TFT);
        assertRefundsArrivedOnce(done, before, p.amountStroops() + 2 * TFT);
    }

    @Test
    void twoInstancesFollowingTheAccountMatchEachPaymentAndRefundItOnce() throws Exception {
        UserBilling one = instance();
        UserBilling two = instance();
        UserPayment p = open(one);
        long before = fx.tftOf(user);

        fx.pay(user, p.amountStroops() + 3 * TFT, p.memo());
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Callable<Object>> work = new ArrayList<>();
            for (UserBilling b : List.of(one, two)) {
                work.add(() -> {
                    for (int i = 0; i < 5; i++) {
                        b.observe(p.id());
                        b.sweep();
                    }
                    return null;
                });
            }
            for (Future<Object> f : pool.invokeAll(work)) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        one.sweep();

        UserPayment fromOne = one.observe(p.id());
        UserPayment fromTwo = two.observe(p.id());
        assertThat(fromOne.status()).isEqualTo(PaymentStatus.PAID);
        assertThat(fromTwo.transfers()).isEqualTo(fromOne.transfers()).hasSize(1);
        assertThat(fromOne.refundedStroops()).isEqualTo(3 * TFT);
        assertRefundsArrivedOnce(fromOne, before, p.amountStroops() + 3 * TFT);
    }
}
