package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Flow;
import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.BillingSettings;
import io.threebot.deployer.billing.PaymentNotFoundException;
import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.SpendingLimitException;
import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.UnitPrices;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Users pay before anything is bought, through the chats and the service calls alike. */
class UserPaymentFlowTest {
    private static final String USER = "GUSERWALLET";

    private final TestWorld world = TestWorld.sample();
    private ThreebotDeployer deployer = deployer(BillingSettings.builder());

    private ThreebotDeployer deployer(BillingSettings.Builder billing) {
        return world.deployer(TestWorld.fastSettings().billing(billing.build()).build());
    }

    @AfterEach
    void close() {
        deployer.close();
    }

    private ChatDriver atPayment(String owner) {
        world.ledger.payNothing();
        ChatDriver chat = ChatDriver.start(deployer, owner);
        chat.answerUntil("payment", Map.of());
        return chat;
    }

    private UserPayment requested(String owner, ChatMessage qr) {
        return deployer.forOwner(owner).payment(String.valueOf(qr.payload().kwargs().get("payment_id")));
    }

    @Test
    void theDeployChatShowsThePaymentWithItsQrCodeBeforeAnythingIsBought() {
        ChatDriver chat = atPayment("ann");
        ChatMessage qr = chat.current();
        assertThat(qr.category()).isEqualTo(Category.QRCODE_SHOW);
        assertThat(qr.info().title()).isEqualTo("Payment");
        UserPayment p = requested("ann", qr);
        Map<String, Object> kwargs = qr.payload().kwargs();
        assertThat(kwargs).containsEntry("amount", p.amountText()).containsEntry("currency", "TFT")
                .containsEntry("memo", p.memo()).containsEntry("address", p.address())
                .containsEntry("deadline", p.deadline().toString())
                .containsEntry("data", "TFT:" + p.address() + "?amount=" + p.amountText() + "&message=" + p.memo()
                        + "&sender=me");
        byte[] png = Base64.getDecoder().decode(String.valueOf(kwargs.get("qrcode")));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(qr.payload().msg()).contains(p.amountText() + " TFT", p.memo(), p.address(), "fee");
        assertThat(qr.info().previous()).as("the user may still change the purchase").isTrue();
        assertThat(p.amountStroops()).isEqualTo(p.costStroops() + Tft.STROOPS / 100);
        assertThat(p.days()).isEqualTo(14);
        assertThat(world.payments.receipts()).as("nothing reserved or paid yet").isEmpty();
        assertThat(world.grid.findUser("ann_mybot").map(u -> world.grid.listPools(u.id()))).hasValue(List.of());
    }

    @Test
    void aPaymentArrivingInPartsDeploysOnceComplete() throws Exception {
        ChatDriver chat = atPayment("ann");
        UserPayment p = requested("ann", chat.current());
        world.ledger.pay(USER, p.amountStroops() - 1, p.memo());
        ChatMessage waiting = deployer.forOwner("ann").answer(chat.sessionId(), "");
        assertThat(waiting.busy()).isTrue();
        Thread.sleep(100);
        assertThat(deployer.forOwner("ann").current(chat.sessionId()).payload().msg())
                .contains("Waiting for your payment of " + p.amountText() + " TFT", Tft.format(p.amountStroops() - 1)
                        + " received so far");
        assertThat(world.payments.receipts()).isEmpty();
        world.ledger.pay(USER, 1, p.memo());
        ChatMessage last = ChatDriver.resume(deployer, "ann", chat.sessionId()).runToEnd(Map.of());
        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        assertThat(deployer.forOwner("ann").payment(p.id()).status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(world.payments.receipts()).singleElement()
                .satisfies(r -> assertThat(r.amountStroops()).isLessThanOrEqualTo(p.costStroops()));
    }

    @Test
    void aUserWhoNeverPaysGetsNothingAndIsToldSo() {
        deployer.close();
        deployer = deployer(BillingSettings.builder().paymentTimeout(Duration.ofMillis(300)));
        ChatDriver chat = atPayment("ann");
        UserPayment p = requested("ann", chat.current());
        ChatMessage end = chat.answer("payment", "");
        assertThat(end.category()).isEqualTo(Category.ERROR);
        assertThat(end.payload().msg()).contains("did not arrive in full", "nothing was bought");
        assertThat(deployer.forOwner("ann").payment(p.id()).status()).isEqualTo(PaymentStatus.EXPIRED);
        assertThat(world.payments.receipts()).isEmpty();
        assertThat(Internals.storedThreebots(deployer, "ann")).isEmpty();
        assertThat(world.grid.findUser("ann_mybot").map(u -> world.grid.listPools(u.id()))).hasValue(List.of());
    }

    @Test
    void goingBackToChangeTheDaysWithdrawsTheOldRequestAndAsksForTheNewPrice() {
        ChatDriver chat = atPayment("ann");
        UserPayment first = requested("ann", chat.current());
        world.ledger.pay(USER, first.amountStroops() / 2, first.memo());
        chat.back();
        assertThat(chat.current().questionKey()).contains("days");
        chat.answer("days", "30");
        UserPayment second = requested("ann", chat.current());
        assertThat(second.id()).isNotEqualTo(first.id());
        assertThat(second.days()).isEqualTo(30);
        assertThat(second.costStroops()).isGreaterThan(first.costStroops());
        assertThat(deployer.forOwner("ann").payment(first.id()).status()).isEqualTo(PaymentStatus.CANCELLED);
        assertThat(world.ledger.refunds()).singleElement().satisfies(r -> assertThat(r.amountStroops())
                .isEqualTo(first.amountStroops() / 2 - first.feeStroops()));

        chat.back();
        chat.answer("days", "30");
        assertThat(requested("ann", chat.current()).id()).as("an unchanged purchase keeps its request")
                .isEqualTo(second.id());
    }

    @Test
    void theOperatorNeverPaysMoreThanTheUserPaidAndTheUserIsRefundedInFull() {
        world.ledger.payRequestsAfter(Duration.ZERO);
        ChatDriver chat = ChatDriver.start(deployer, "ann");
        chat.answerUntil("payment", Map.of());
        UserPayment p = requested("ann", chat.current());
        UnitPrices quoted = world.grid.unitPrices();
        world.grid.setUnitPrices(new UnitPrices(quoted.stroopsPerCuSecond() * 2, quoted.stroopsPerSuSecond()));
        ChatMessage end = chat.runToEnd(Map.of());
        assertThat(end.category()).isEqualTo(Category.ERROR);
        assertThat(end.payload().msg()).contains("more than the " + Tft.format(p.costStroops()) + " TFT paid for it")
                .contains("Your payment of " + p.amountText() + " TFT is refunded in full.");
        assertThat(world.payments.receipts()).as("the operator paid nothing").isEmpty();
        assertThat(world.ledger.netOf(io.threebot.deployer.sim.SimulatedLedger.AUTO_PAYER)).isZero();
        assertThat(deployer.forOwner("ann").payment(p.id()).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void anOwnerWithTheMost3BotsCannotStartAnotherPurchase() {
        deployer.close();
        deployer = deployer(BillingSettings.builder().maxThreebotsPerOwner(1));
        assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        int requests = world.ledger.demands().size();
        ChatDriver second = ChatDriver.start(deployer, "ann");
        ChatMessage refused = deployer.forOwner("ann").answer(second.sessionId(), "otherbot");
        assertThat(refused.validationError()).hasValueSatisfying(e -> assertThat(e)
                .contains("You have 1 3Bots, the most one user may have"));
        assertThat(world.ledger.demands()).hasSize(requests);
        assertThat(ChatDriver.start(deployer, "bob").runToEnd(Map.of()).category()).isEqualTo(Category.END);
    }

    @Test
    void theOperatorsDailyCapRefusesPurchasesBeforeTheUserPays() {
        deployer.close();
        deployer = deployer(BillingSettings.builder().operatorDailyCapStroops(40 * Tft.STROOPS));
        ChatMessage end = ChatDriver.start(deployer, "ann").runToEnd(Map.of("days", "14"));
        assertThat(end.category()).isEqualTo(Category.END);
        ChatMessage refused = ChatDriver.start(deployer, "bob").runToEnd(Map.of("days", "14"));
        assertThat(refused.category()).isEqualTo(Category.ERROR);
        assertThat(refused.payload().msg()).contains("reached its spending limit for today", "nothing was bought");
        assertThat(world.ledger.demands()).as("bob was never asked to pay").hasSize(1);
        assertThat(world.payments.receipts()).hasSize(1);
    }

    @Test
    void serviceCallsNeedTheirOwnPaidRequestAndRefuseEverythingElseChangingNothing() {
        assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        ThreebotService bots = Internals.lifecycle(deployer);
        Threebot bot = Internals.storedThreebots(deployer, "ann").get(0);
        String pw = ChatDriver.DEFAULTS.get("password");
        int receipts = world.payments.receipts().size();
        int requests = world.ledger.demands().size();
        int stored = world.store.list(UserBilling.KIND, UserPayment.class).size();

        for (int days : List.of(0, -1, 366, 100_000, Integer.MAX_VALUE)) {
            assertThatThrownBy(() -> bots.requestPayment("ann", bot.uuid(), Purchase.extend(days)))
                    .as("%d days", days).isInstanceOf(SpendingLimitException.class)
                    .hasMessageContaining("Buy from 1 to 365 days at a time.");
        }
        assertThat(world.ledger.demands()).hasSize(requests);
        assertThat(world.store.list(UserBilling.KIND, UserPayment.class)).as("nothing stored").hasSize(stored);
        assertThatThrownBy(() -> bots.requestPayment("bob", bot.uuid(), Purchase.extend(3)))
                .isInstanceOf(io.threebot.deployer.lifecycle.ThreebotNotFoundException.class);

        world.ledger.payNothing();
        UserPayment unpaid = bots.requestPayment("ann", bot.uuid(), Purchase.extend(3));
        assertThatThrownBy(() -> bots.extend("ann", bot.uuid(), pw, unpaid.id(), Progress.silent()))
                .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("is not complete");
        assertThatThrownBy(() -> bots.extend("ann", bot.uuid(), pw, "someone-elses", Progress.silent()))
                .isInstanceOf(PaymentNotFoundException.class);
        world.ledger.pay(USER, unpaid.amountStroops(), unpaid.memo());
        assertThatThrownBy(() -> bots.restart("ann", bot.uuid(), pw, Optional.of(unpaid.id()),
                Progress.silent())).as("paid for an extension, not a restart")
                .isInstanceOf(PaymentRequiredException.class);
        assertThat(world.payments.receipts()).hasSize(receipts);
        assertThat(Internals.storedThreebots(deployer, "ann").get(0)).isEqualTo(bot);

        Threebot extended = bots.extend("ann", bot.uuid(), pw, unpaid.id(), Progress.silent());
        assertThat(extended.expiresAt().orElseThrow()).isAfter(bot.expiresAt().orElseThrow()
                .plus(Duration.ofDays(2)));
        assertThat(world.payments.receipts()).hasSize(receipts + 1);
        assertThat(world.payments.receipts().get(receipts).amountStroops()).isLessThanOrEqualTo(
                unpaid.costStroops());
        assertThatThrownBy(() -> bots.extend("ann", bot.uuid(), pw, unpaid.id(), Progress.silent()))
                .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("was used already");
        assertThat(world.payments.receipts()).hasSize(receipts + 1);
    }

    @Test
    void aStartBuysNothingWithoutAPaymentAndAMoveToAnotherFarmNeedsOne() {
        assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"))
                .category()).isEqualTo(Category.END);
        ThreebotService bots = Internals.lifecycle(deployer);
        Threebot bot = Internals.storedThreebots(deployer, "ann").get(0);
        String pw = ChatDriver.DEFAULTS.get("password");
        bots.stop("ann", bot.uuid(), pw);
        int receipts = world.payments.receipts().size();
        Threebot started = bots.start("ann", bot.uuid(), pw, Optional.empty(), Progress.silent());
        assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(world.payments.receipts()).as("nothing bought, nothing paid").hasSize(receipts);
        assertThatThrownBy(() -> bots.changeLocation("ann", started.uuid(), pw, LocationPolicy.farm("tokyo-hub"),
                Optional.empty(), Progress.silent())).isInstanceOf(PaymentRequiredException.class)
                .hasMessageContaining("pay for at least 1 day first");
        assertThat(Internals.storedThreebots(deployer, "ann").get(0).state()).isEqualTo(ThreebotState.RUNNING);
    }

    @Test
    void theExtendChatAsksForPaymentAndWaitsForIt() {
        assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        Threebot bot = Internals.storedThreebots(deployer, "ann").get(0);
        ChatDriver chat = ChatDriver.startFlow(deployer, "ann", Flow.EXTEND);
        chat.answerUntil("payment", Map.of("threebot", "mybot", "days", "3"));
        ChatMessage qr = chat.current();
        assertThat(qr.category()).isEqualTo(Category.QRCODE_SHOW);
        UserPayment p = requested("ann", qr);
        assertThat(p.kind()).isEqualTo(io.threebot.deployer.billing.PurchaseKind.EXTEND);
        assertThat(p.threebotUuid()).isEqualTo(bot.uuid());
        assertThat(p.days()).isEqualTo(3);
        ChatMessage done = chat.runToEnd(Map.of());
        assertThat(done.category()).as(done.payload().msg()).isEqualTo(Category.END);
        assertThat(deployer.forOwner("ann").payment(p.id()).status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(chat.seen()).anyMatch(m -> m.payload().msg().startsWith("Payment of " + p.amountText()));
    }

    @Test
    void aRestartChatThatBuysNoDaysAsksForNoPayment() {
        assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        int requests = world.ledger.demands().size();
        ChatDriver chat = ChatDriver.startFlow(deployer, "ann", Flow.RESTART);
        ChatMessage done = chat.runToEnd(Map.of("threebot", "mybot", "days", "0"));
        assertThat(done.category()).as(done.payload().msg()).isEqualTo(Category.END);
        assertThat(chat.seen()).noneMatch(m -> m.category() == Category.QRCODE_SHOW);
        assertThat(world.ledger.demands()).hasSize(requests);
    }

    @Test
    void aSimulatedUserPaysWhatWasAskedOnTheLedger() {
        ChatDriver chat = atPayment("ann");
        UserPayment p = requested("ann", chat.current());
        assertThat(world.ledger.demands()).extracting(PaymentDemand::amountStroops).contains(p.amountStroops());
        assertThat(new UserBilling.Target(p.kind(), p.threebotUuid(), p.threebotName(), p.flavor(), p.days()))
                .isEqualTo(new UserBilling.Target(io.threebot.deployer.billing.PurchaseKind.DEPLOY, "", "mybot",
                        Flavor.SILVER, 14));
    }
}
