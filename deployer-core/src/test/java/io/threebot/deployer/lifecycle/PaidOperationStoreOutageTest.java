package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A paid operation asked for through the API while the database goes away: the caller is told the store is
 * unavailable, nothing is undone or refunded, and the same call made again once it is back finishes the operation
 * with the same payment, paying the grid once.
 */
class PaidOperationStoreOutageTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");

    private final CuttableStore database = new CuttableStore(new InMemoryStateStore());
    private final TestWorld world = TestWorld.sampleOn(database);
    private final ThreebotDeployer deployer = world.deployer();
    private final ThreebotService service = Internals.lifecycle(deployer);

    @AfterEach
    void close() {
        deployer.close();
    }

    private Threebot deploy() {
        assertThat(ChatDriver.start(deployer, "ivy").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"))
                .category()).isEqualTo(Category.END);
        return Internals.storedThreebots(deployer, "ivy").get(0);
    }

    /** Progress that cuts the database off at the first message starting with {@code text}. */
    private Progress cutAt(String text) {
        return message -> {
            if (message.startsWith(text)) {
                database.cut();
            }
        };
    }

    @Test
    void anExtensionCutShortIsUnavailableRefundsNothingAndFinishesWhenAskedAgain() {
        Threebot bot = deploy();
        String payment = service.requestPayment("ivy", bot.uuid(), Purchase.extend(10)).id();
        int paidBefore = world.payments.receipts().size();

        assertThatThrownBy(() -> service.extend("ivy", bot.uuid(), PW, payment, cutAt("Capacity pool")))
                .isInstanceOf(StoreUnavailableException.class)
                .satisfies(e -> assertThat(((DeployerException) e).reason())
                        .isEqualTo(DeployerException.Reason.UNAVAILABLE));
        database.reconnect();

        assertThat(deployer.forOwner("ivy").payment(payment).status()).as("kept for the operation").isEqualTo(
                PaymentStatus.IN_USE);
        assertThat(world.ledger.refunds()).as("nothing refunded").isEmpty();
        assertThat(world.payments.receipts()).as("the grid was paid for the extension").hasSize(paidBefore + 1)
                .noneMatch(PaymentReceipt::refunded);

        Threebot extended = service.extend("ivy", bot.uuid(), PW, payment, Progress.silent());

        assertThat(extended.expiresAt().orElseThrow()).isAfter(bot.expiresAt().orElseThrow().plus(Duration.ofDays(9)));
        assertThat(world.payments.receipts()).as("not paid twice").hasSize(paidBefore + 1);
        assertThat(deployer.forOwner("ivy").payment(payment).status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(world.ledger.refunds()).isEmpty();
    }

    @Test
    void aResizeCutShortKeepsWhatItDeployedAndFinishesWhenAskedAgain() {
        Threebot bot = deploy();
        String payment = service.requestPayment("ivy", bot.uuid(), Purchase.changeSize(Flavor.GOLD, 3)).id();

        assertThatThrownBy(() -> service.changeSize("ivy", bot.uuid(), PW, Flavor.GOLD, Optional.of(payment),
                cutAt("Deploying your 3Bot on node"))).isInstanceOf(StoreUnavailableException.class);
        database.reconnect();

        assertThat(deployer.forOwner("ivy").payment(payment).status()).isEqualTo(PaymentStatus.IN_USE);
        assertThat(world.ledger.refunds()).isEmpty();
        List<PaymentReceipt> paid = world.payments.receipts();
        assertThat(paid).noneMatch(PaymentReceipt::refunded);
        assertThat(service.get("ivy", bot.uuid()).flavor()).as("not resized yet").isEqualTo(Flavor.SILVER);

        Threebot gold = service.changeSize("ivy", bot.uuid(), PW, Flavor.GOLD, Optional.of(payment),
                Progress.silent());

        assertThat(gold.flavor()).isEqualTo(Flavor.GOLD);
        assertThat(gold.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(world.payments.receipts()).as("the grid paid once for the resize").isEqualTo(paid);
        assertThat(deployer.forOwner("ivy").payment(payment).status()).isEqualTo(PaymentStatus.SETTLED);
        assertThat(world.ledger.refunds()).isEmpty();
        assertThat(world.grid.getWorkload(gold.workloadIds().get(2)).orElseThrow().nextAction())
                .isEqualTo(NextAction.DEPLOY);
        assertThat(Internals.storedThreebots(deployer, "ivy")).extracting(Threebot::state)
                .as("one 3Bot, the resized one").containsExactly(ThreebotState.RUNNING);
    }
}
