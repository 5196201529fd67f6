package io.threebot.deployer.stellar;

import static io.threebot.deployer.stellar.StellarFixture.TFT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.PaymentDestination;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.spi.RefundReceipt;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.stellar.sdk.Asset;
import org.stellar.sdk.KeyPair;

class StellarUserPaymentsTest {
    private final StellarFixture fx = new StellarFixture();
    private final InMemoryStateStore store = new InMemoryStateStore();

    @AfterEach
    void close() {
        fx.close();
    }

    @Test
    void aRequestNamesTheOperatorTftAndASep7UriWithTheIssuerAmountAndMemo() {
        try (StellarUserPayments wallet = fx.wallet(store)) {
            PaymentDestination to = wallet.request(new PaymentDemand("abc123", 465_797_000L,
                    Instant.now().plusSeconds(600), "a 3Bot"));

            assertThat(to.address()).isEqualTo(fx.operator.getAccountId());
            assertThat(to.currency()).isEqualTo("TFT");
            assertThat(to.paymentUri()).contains("web+stellar:pay?destination=" + fx.operator.getAccountId()
                    + "&amount=46.5797&asset_code=TFT&asset_issuer=" + fx.horizon.tftIssuer()
                    + "&memo=abc123&memo_type=MEMO_TEXT");
        }
    }

    @Test
    void aMemoLongerThanStellarTakesIsRefusedBeforeAnyoneIsAskedToPay() {
        try (StellarUserPayments wallet = fx.wallet(store)) {
            assertThatThrownBy(() -> wallet.request(new PaymentDemand("x".repeat(29), 1, Instant.now(), "d")))
                    .isInstanceOf(DeployerException.class)
                    .satisfies(e -> assertThat(((DeployerException) e).field()).contains("memo"));
        }
    }

    @Test
    void anExactPaymentIsObservedWithItsSenderAndExactAmount() {
        KeyPair user = fx.user(100);
        try (StellarUserPayments wallet = fx.wallet(store)) {
            String hash = fx.pay(user, 123_456_789L, "memo-exact");

            List<IncomingTransfer> seen = wallet.observe("memo-exact");

            assertThat(seen).singleElement().satisfies(t -> {
                assertThat(t.amountStroops()).isEqualTo(123_456_789L);
                assertThat(t.sender()).isEqualTo(user.getAccountId());
                assertThat(t.memo()).isEqualTo("memo-exact");
                assertThat(t.transferId()).startsWith(hash + ":");
            });
            assertThat(wallet.observe("memo-exact")).isEqualTo(seen); // ids are stable between observations
        }
    }

    @Test
    void partThenTheRestComeAsTwoTransfersOldestFirst() {
        KeyPair user = fx.user(100);
        try (StellarUserPayments wallet = fx.wallet(store)) {
            fx.pay(user, 10 * TFT, "memo-parts");
            assertThat(wallet.observe("memo-parts")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(10 * TFT);
            fx.pay(user, 5 * TFT, "memo-parts");

            assertThat(wallet.observe("memo-parts")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(10 * TFT, 5 * TFT);
        }
    }

    @Test
    void otherMemosXlmAndOutgoingPaymentsDoNotCountForAMemo() {
        KeyPair user = fx.user(100);
        try (StellarUserPayments wallet = fx.wallet(store)) {
            fx.pay(user, 2 * TFT, "memo-wrong");
            fx.pay(user, fx.operator.getAccountId(), Asset.create("native"), 3 * TFT, "memo-right");
            wallet.refund(new RefundOrder("k1", user.getAccountId(), TFT, "memo-right"));

            assertThat(wallet.observe("memo-right")).isEmpty();
            assertThat(wallet.observe("memo-wrong")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(2 * TFT);
        }
    }

    @Test
    void aRestartResumesFromTheSavedCursorAndMissesNothing() {
        KeyPair user = fx.user(100);
        try (StellarUserPayments first = fx.wallet(store)) {
            fx.pay(user, TFT, "memo-restart");
            assertThat(first.observe("memo-restart")).hasSize(1);
        }
        String cursor = new PaymentCursor(store, fx.operator.getAccountId()).read().orElseThrow();
        fx.pay(user, 2 * TFT, "memo-restart"); // while no instance runs

        try (StellarUserPayments second = fx.wallet(store)) {
            assertThat(second.observe("memo-restart")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(TFT, 2 * TFT);
        }
        assertThat(PaymentCursor.parse(new PaymentCursor(store, fx.operator.getAccountId()).read().orElseThrow()))
                .isGreaterThan(PaymentCursor.parse(cursor));
    }

    @Test
    void paymentsOverManyPagesAreAllReadInOrder() {
        KeyPair user = fx.user(100);
        for (int i = 1; i <= 5; i++) {
            fx.pay(user, i * TFT, "memo-pages");
        }
        try (StellarUserPayments wallet = new StellarUserPayments(fx.settings().pageLimit(2).build(), store,
                java.time.Clock.systemUTC(), OnceSender.Steps.NONE)) {
            assertThat(wallet.observe("memo-pages")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(TFT, 2 * TFT, 3 * TFT, 4 * TFT, 5 * TFT);
        }
    }

    @Test
    void theStreamRecordsPaymentsAsTheyArriveWithoutAnyoneAsking() throws Exception {
        KeyPair user = fx.user(100);
        try (StellarUserPayments wallet = new StellarUserPayments(fx.settings().freshness(Duration.ofHours(1))
                .build(), store, java.time.Clock.systemUTC(), OnceSender.Steps.NONE)) {
            wallet.observe("nothing-yet"); // one catch-up: later observations read only what the stream recorded
            wallet.start();
            fx.pay(user, 7 * TFT, "memo-stream");

            long until = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (wallet.observe("memo-stream").isEmpty() && System.nanoTime() < until) {
                Thread.sleep(50);
            }
            assertThat(wallet.observe("memo-stream")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(7 * TFT);
        }
    }

    @Test
    void aRefundIsSentOnceAndASecondCallWithItsKeyReturnsTheFirstReceipt() {
        KeyPair user = fx.user(100);
        try (StellarUserPayments wallet = fx.wallet(store)) {
            long before = fx.tftOf(user);
            RefundReceipt first = wallet.refund(new RefundOrder("pay1:over-x", user.getAccountId(), 3 * TFT,
                    "r-memo1"));
            RefundReceipt again = wallet.refund(new RefundOrder("pay1:over-x", user.getAccountId(), 3 * TFT,
                    "r-memo1"));

            assertThat(again).isEqualTo(first);
            assertThat(fx.tftOf(user)).isEqualTo(before + 3 * TFT);
            assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-memo1"))
                    .containsExactly(first.refundId());
        }
    }

    @Test
    void aCrashAfterJournalingBeforeSendingIsFinishedOnceByTheNextInstance() {
        KeyPair user = fx.user(100);
        long before = fx.tftOf(user);
        RefundOrder order = new RefundOrder("pay2:late-y", user.getAccountId(), 4 * TFT, "r-memo2");
        OnceSender.Steps crashAfterJournal = new OnceSender.Steps() {
            @Override
            public void journaled(String key) {
                throw new IllegalStateException("process killed");
            }
        };
        try (StellarUserPayments dying = fx.wallet(store, crashAfterJournal)) {
            assertThatThrownBy(() -> dying.refund(order)).hasMessage("process killed");
        }
        assertThat(fx.tftOf(user)).isEqualTo(before);
        assertThat(new SendJournal(store, StellarUserPayments.REFUND_KIND).get(order.idempotencyKey()))
                .get().satisfies(v -> assertThat(v.value().state()).isEqualTo(SendJournal.State.PENDING));

        try (StellarUserPayments next = fx.wallet(store)) {
            RefundReceipt receipt = next.refund(order);
            assertThat(next.refund(order)).isEqualTo(receipt);
        }
        assertThat(fx.tftOf(user)).isEqualTo(before + 4 * TFT);
        assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-memo2")).hasSize(1);
    }

    @Test
    void aCrashAfterSendingBeforeRecordingIsFoundOnHorizonAndNotSentAgain() {
        KeyPair user = fx.user(100);
        long before = fx.tftOf(user);
        RefundOrder order = new RefundOrder("pay3:full-z", user.getAccountId(), 6 * TFT, "r-memo3");
        OnceSender.Steps crashAfterSubmit = new OnceSender.Steps() {
            @Override
            public void submitted(String key) {
                throw new IllegalStateException("process killed");
            }
        };
        try (StellarUserPayments dying = fx.wallet(store, crashAfterSubmit)) {
            assertThatThrownBy(() -> dying.refund(order)).hasMessage("process killed");
        }
        assertThat(fx.tftOf(user)).isEqualTo(before + 6 * TFT);

        try (StellarUserPayments next = fx.wallet(store)) {
            RefundReceipt receipt = next.refund(order);
            assertThat(receipt.refundId()).isEqualTo(
                    fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-memo3").get(0));
        }
        assertThat(fx.tftOf(user)).isEqualTo(before + 6 * TFT);
        assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-memo3")).hasSize(1);
    }

    @Test
    void aLostAnswerIsATypedFailureAndTheRetryFindsTheRefundInsteadOfPayingAgain() {
        KeyPair user = fx.user(100);
        long before = fx.tftOf(user);
        RefundOrder order = new RefundOrder("pay4:over-w", user.getAccountId(), 2 * TFT, "r-memo4");
        try (StellarUserPayments wallet = fx.wallet(store)) {
            fx.horizon.loseNextAnswers(1);
            assertThatThrownBy(() -> wallet.refund(order)).isInstanceOf(HorizonUnavailableException.class)
                    .satisfies(e -> assertThat(((DeployerException) e).reason())
                            .isEqualTo(DeployerException.Reason.UNAVAILABLE));

            wallet.refund(order);
        }
        assertThat(fx.tftOf(user)).isEqualTo(before + 2 * TFT);
        assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-memo4")).hasSize(1);
    }

    @Test
    void refundFailuresAreTypedAndARefundGoesThroughOnceTheUserCanTakeIt() {
        KeyPair missing = KeyPair.random();
        KeyPair untrusting = KeyPair.random();
        fx.horizon.createAccount(untrusting.getAccountId(), 100 * TFT);
        try (StellarUserPayments wallet = fx.wallet(store)) {
            assertThatThrownBy(() -> wallet.refund(new RefundOrder("a", missing.getAccountId(), TFT, "r-a")))
                    .isInstanceOf(StellarAccountMissingException.class).hasMessageContaining("op_no_destination");
            RefundOrder toUntrusting = new RefundOrder("b", untrusting.getAccountId(), TFT, "r-b");
            assertThatThrownBy(() -> wallet.refund(toUntrusting))
                    .isInstanceOf(StellarTrustlineMissingException.class).hasMessageContaining("op_no_trust");
            assertThatThrownBy(() -> wallet.refund(new RefundOrder("c", fx.user(1).getAccountId(), 5_000 * TFT,
                    "r-c"))).isInstanceOf(StellarUnderfundedException.class).hasMessageContaining("op_underfunded");

            fx.horizon.addTrustline(untrusting.getAccountId());
            wallet.refund(toUntrusting);
        }
        assertThat(fx.horizon.tftBalance(untrusting.getAccountId())).contains(TFT);
        assertThat(fx.horizon.transactionsWithMemo(fx.operator.getAccountId(), "r-b")).hasSize(1);
    }

    @Test
    void horizonDownOrRateLimitingIsATypedFailureWithTheWaitItAskedFor() {
        KeyPair user = fx.user(10);
        try (StellarUserPayments wallet = fx.wallet(store)) {
            fx.horizon.rateLimitNext(1, Duration.ofSeconds(7));
            assertThatThrownBy(() -> wallet.observe("m"))
                    .isInstanceOf(HorizonRateLimitedException.class)
                    .satisfies(e -> {
                        DeployerException d = (DeployerException) e;
                        assertThat(d.reason()).isEqualTo(DeployerException.Reason.RATE_LIMITED);
                        assertThat(d.retryAfter()).contains(Duration.ofSeconds(7));
                    });
            fx.horizon.rateLimitNext(3, Duration.ofSeconds(2));
            assertThatThrownBy(() -> wallet.refund(new RefundOrder("d", user.getAccountId(), TFT, "r-d")))
                    .isInstanceOf(HorizonRateLimitedException.class);

            fx.horizon.goDown();
            assertThatThrownBy(() -> wallet.observe("m")).isInstanceOf(HorizonUnavailableException.class);
            assertThatThrownBy(() -> wallet.refund(new RefundOrder("d", user.getAccountId(), TFT, "r-d")))
                    .isInstanceOf(HorizonUnavailableException.class);
        }
    }

    @Test
    void paymentsMadeWhileHorizonIsDownAreObservedOnceItIsBack() throws Exception {
        KeyPair user = fx.user(100);
        try (StellarUserPayments wallet = fx.wallet(store).start()) {
            fx.pay(user, TFT, "memo-outage");
            assertThat(wallet.observe("memo-outage")).hasSize(1);

            fx.horizon.goDown();
            assertThatThrownBy(() -> wallet.observe("memo-outage")).isInstanceOf(HorizonUnavailableException.class);
            Thread.sleep(300);
            fx.horizon.comeBack();
            fx.pay(user, 2 * TFT, "memo-outage");

            assertThat(wallet.observe("memo-outage")).extracting(IncomingTransfer::amountStroops)
                    .containsExactly(TFT, 2 * TFT);
        }
    }

    @Test
    void malformedOrOversizedAnswersAreTypedErrorsAndMoveNothing() {
        fx.user(10);
        try (StellarUserPayments wallet = new StellarUserPayments(fx.settings().maxAnswerBytes(4096).build(),
                store, java.time.Clock.systemUTC(), OnceSender.Steps.NONE)) {
            fx.horizon.answerNextWith("{\"_embedded\":{\"records\":[{\"type\":".getBytes());
            assertThatThrownBy(() -> wallet.observe("m")).isInstanceOf(HorizonAnswerException.class);

            fx.horizon.answerNextWith(("{\"pad\":\"" + "x".repeat(10_000) + "\"}").getBytes());
            assertThatThrownBy(() -> wallet.observe("m")).isInstanceOf(HorizonAnswerException.class)
                    .hasMessageContaining("larger than");

            String hostile = "{\"_embedded\":{\"records\":[{\"id\":\"99\",\"paging_token\":\"99\",\"type\":\"payment\","
                    + "\"type_i\":1,\"transaction_successful\":true,\"created_at\":\"2026-01-01T00:00:00Z\","
                    + "\"transaction_hash\":\"ab\",\"asset_type\":\"credit_alphanum4\",\"asset_code\":\"TFT\","
                    + "\"asset_issuer\":\"" + fx.horizon.tftIssuer() + "\",\"from\":\"" + KeyPair.random()
                    .getAccountId() + "\",\"to\":\"" + fx.operator.getAccountId() + "\",\"amount\":\"1e400\","
                    + "\"transaction\":{\"hash\":\"ab\",\"memo_type\":\"text\",\"memo\":\"m\"}}]}}";
            fx.horizon.answerNextWith(hostile.getBytes());
            assertThatThrownBy(() -> wallet.observe("m")).isInstanceOf(HorizonAnswerException.class);
            assertThat(new PaymentCursor(store, fx.operator.getAccountId()).read()).isEmpty();
        }
    }
}
