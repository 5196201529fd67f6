package io.threebot.deployer.stellar;

import static io.threebot.deployer.stellar.StellarFixture.TFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.PaymentRequest;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.KeyPair;

class StellarPaymentsTest {
    private final StellarFixture fx = new StellarFixture();
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final KeyPair escrow = fx.user(0);

    @AfterEach
    void close() {
        fx.close();
    }

    private StellarPayments payments(OnceSender.Steps steps) {
        return new StellarPayments(fx.settings().build(), store, Clock.systemUTC(), steps);
    }

    @Test
    void aPoolIsPaidOncePerMemoToTheEscrowWithTheExplorersMemo() {
        try (StellarPayments payments = payments(OnceSender.Steps.NONE)) {
            PaymentRequest request = new PaymentRequest(escrow.getAccountId(), "TFT", 12 * TFT, "p-4711");
            PaymentReceipt first = payments.pay(request);
            PaymentReceipt again = payments.pay(request);

            assertThat(again).isEqualTo(first);
            assertThat(first.amountStroops()).isEqualTo(12 * TFT);
            assertThat(fx.tftOf(escrow)).isEqualTo(12 * TFT);
            assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "p-4711"))
                    .containsExactly(first.paymentId());
            assertThat(payments.findByMemo("p-4711")).contains(first);
            assertThat(payments.findByMemo("p-other")).isEmpty();
        }
    }

    @Test
    void aCrashBetweenSendingAndRecordingDoesNotPayThePoolTwice() {
        PaymentRequest request = new PaymentRequest(escrow.getAccountId(), "TFT", 7 * TFT, "p-crash");
        try (StellarPayments dying = payments(new OnceSender.Steps() {
            @Override
            public void submitted(String key) {
                throw new IllegalStateException("process killed");
            }
        })) {
            assertThatThrownBy(() -> dying.pay(request)).hasMessage("process killed");
            assertThat(dying.findByMemo("p-crash")).isEmpty(); // sent, but not recorded yet
        }
        try (StellarPayments next = payments(OnceSender.Steps.NONE)) {
            next.pay(request);
        }
        assertThat(fx.tftOf(escrow)).isEqualTo(7 * TFT);
        assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "p-crash")).hasSize(1);
    }

    @Test
    void aRefundIsMarkedOnceAndMovesNothingFromTheOperator() {
        try (StellarPayments payments = payments(OnceSender.Steps.NONE)) {
            PaymentReceipt paid = payments.pay(new PaymentRequest(escrow.getAccountId(), "TFT", TFT, "p-r"));
            long operator = fx.tftOf(fx.operator);

            PaymentReceipt refunded = payments.refund(paid.paymentId(), "deploy failed");

            assertThat(refunded.refunded()).isTrue();
            assertThat(payments.refund(paid.paymentId(), "again")).isEqualTo(refunded);
            assertThat(payments.findByMemo("p-r")).contains(refunded);
            assertThat(fx.tftOf(fx.operator)).isEqualTo(operator);
            assertThatThrownBy(() -> payments.refund("nope", "x")).isInstanceOf(InvalidInputException.class);
        }
    }

    @Test
    void anotherAssetOrAnUnderfundedOperatorIsRefusedWithATypedError() {
        try (StellarPayments payments = payments(OnceSender.Steps.NONE)) {
            assertThatThrownBy(() -> payments.pay(new PaymentRequest(escrow.getAccountId(), "FreeTFT", TFT, "p-1")))
                    .isInstanceOf(InvalidInputException.class)
                    .satisfies(e -> assertThat(((InvalidInputException) e).field()).contains("asset"));
            assertThatThrownBy(() -> payments.pay(new PaymentRequest(escrow.getAccountId(),
                    "TFT:" + fx.horizon.tftIssuer(), 100_000 * TFT, "p-2")))
                    .isInstanceOf(StellarUnderfundedException.class);
            assertThat(fx.tftOf(escrow)).isZero();
        }
    }
}
