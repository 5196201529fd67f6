package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.JournalEntry;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.PaymentReceipt;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * A deployer that dies inside a paid operation the user asked for through the API, which nobody calls again: the
 * next deployer on the store takes the operation up and finishes it, or, when the 3Bot was destroyed meanwhile,
 * undoes what the operation did and refunds the user in full. The payment is never left in use.
 */
class StrandedPaidOperationTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");
    private static final DeployerSettings SETTINGS = TestWorld.fastSettings().leaseDuration(Duration.ofMillis(400))
            .billing(TestWorld.fastSettings().build().billing().toBuilder().sweepInterval(Duration.ofMillis(100))
                    .build())
            .build();

    private final CuttableStore store = new CuttableStore(new InMemoryStateStore());
    private final TestWorld world = TestWorld.sampleOn(store);

    @Test
    void aResizeWhoseDeployerDiedAtTheNewContainerIsFinishedByTheNextDeployer() throws Exception {
        Threebot bot;
        String payment;
        List<PaymentReceipt> paidBefore;
        try (ThreebotDeployer first = world.deployer(SETTINGS)) {
            bot = deploy(first);
            ThreebotService service = Internals.lifecycle(first);
            payment = service.requestPayment("ivy", bot.uuid(), Purchase.changeSize(Flavor.GOLD, 3)).id();
            paidBefore = world.payments.receipts();
            store.cutAfter(beginning("wl:container-1", bot.deploymentId()));
            assertThatThrownBy(() -> service.changeSize("ivy", bot.uuid(), PW, Flavor.GOLD, Optional.of(payment),
                    Progress.silent())).as("the deployer dies there");
        }
        store.reconnect();
        assertThat(status(payment)).isEqualTo(PaymentStatus.IN_USE);

        try (ThreebotDeployer second = world.deployer(SETTINGS)) {
            awaitTrue(() -> status(payment) == PaymentStatus.SETTLED);
            assertThat(Internals.storedThreebots(second, "ivy")).singleElement().satisfies(t -> {
                assertThat(t.flavor()).isEqualTo(Flavor.GOLD);
                assertThat(t.state()).isEqualTo(ThreebotState.RUNNING);
            });
        }
        assertThat(world.ledger.refunds()).isEmpty();
        assertThat(world.payments.receipts()).as("the resize paid the grid once").hasSize(paidBefore.size() + 1)
                .noneMatch(PaymentReceipt::refunded);
        assertThat(live(WorkloadType.CONTAINER)).as("the new container alone").hasSize(1);
    }

    @Test
    void anExtensionWhoseDeployerDiedAfterPayingThePoolIsFinishedOnceByTheNextDeployer() throws Exception {
        Threebot bot;
        String payment;
        int paidBefore;
        try (ThreebotDeployer first = world.deployer(SETTINGS)) {
            bot = deploy(first);
            ThreebotService service = Internals.lifecycle(first);
            payment = service.requestPayment("ivy", bot.uuid(), Purchase.extend(10)).id();
            paidBefore = world.payments.receipts().size();
            store.cutAfter((kind, value) -> kind.equals(DeploymentJournal.KIND)
                    && value instanceof DeploymentJournal j && !j.id().equals(bot.deploymentId())
                    && j.entries().containsKey("pay:pool")
                    && j.entries().get("pay:pool").status() == JournalEntry.Status.DONE);
            assertThatThrownBy(() -> service.extend("ivy", bot.uuid(), PW, payment, Progress.silent()));
        }
        store.reconnect();

        try (ThreebotDeployer second = world.deployer(SETTINGS)) {
            awaitTrue(() -> status(payment) == PaymentStatus.SETTLED);
            assertThat(Internals.storedThreebots(second, "ivy").get(0).expiresAt().orElseThrow())
                    .isAfter(bot.expiresAt().orElseThrow().plus(Duration.ofDays(9)));
        }
        assertThat(world.payments.receipts()).as("the extension paid the grid once").hasSize(paidBefore + 1);
        assertThat(world.ledger.refunds()).isEmpty();
    }

    @Test
    void aResizeStrandedBeforeTheOwnerDestroyedTheThreebotIsUndoneAndRefundedInFull() throws Exception {
        Threebot bot;
        String payment;
        try (ThreebotDeployer first = world.deployer(SETTINGS)) {
            bot = deploy(first);
            ThreebotService service = Internals.lifecycle(first);
            payment = service.requestPayment("ivy", bot.uuid(), Purchase.changeSize(Flavor.GOLD, 3)).id();
            store.cutAfter(beginning("wl:container-1", bot.deploymentId()));
            assertThatThrownBy(() -> service.changeSize("ivy", bot.uuid(), PW, Flavor.GOLD, Optional.of(payment),
                    Progress.silent()));
        }
        store.reconnect();
        long paidForResize = world.ledger.demands().get(world.ledger.demands().size() - 1).amountStroops();

        try (ThreebotDeployer second = world.builder(SETTINGS).build()) { // not started: no sweep yet
            ThreebotService service = Internals.lifecycle(second);
            service.destroy("ivy", bot.uuid(), PW);
            assertThat(service.resumeStrandedOperations(Duration.ZERO)).isEqualTo(1);

            assertThat(Internals.storedThreebots(second, "ivy")).singleElement()
                    .satisfies(t -> assertThat(t.state()).isEqualTo(ThreebotState.DELETED));
        }
        assertThat(status(payment)).isEqualTo(PaymentStatus.REFUNDED);
        assertThat(world.ledger.refunds()).singleElement()
                .satisfies(r -> assertThat(r.amountStroops()).isEqualTo(paidForResize));
        assertThat(live(null)).as("nothing left live for the destroyed 3Bot").isEmpty();
        assertThat(world.payments.receipts()).as("the resize's pool payment came back")
                .filteredOn(r -> !r.refunded()).hasSizeLessThanOrEqualTo(1);
    }

    private Threebot deploy(ThreebotDeployer deployer) {
        assertThat(ChatDriver.start(deployer, "ivy").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"))
                .category()).isEqualTo(Category.END);
        return Internals.lifecycle(deployer).find("ivy", "mybot").orElseThrow();
    }

    /** A write that journals the side effect {@code key} as begun, in another journal than the first deploy's. */
    private static java.util.function.BiPredicate<String, Object> beginning(String key, String firstDeployment) {
        return (kind, value) -> kind.equals(DeploymentJournal.KIND) && value instanceof DeploymentJournal j
                && !j.id().equals(firstDeployment) && j.entries().containsKey(key)
                && j.entries().get(key).status() == JournalEntry.Status.PENDING;
    }

    private PaymentStatus status(String payment) {
        return store.list(io.threebot.deployer.internal.billing.UserBilling.KIND,
                io.threebot.deployer.billing.UserPayment.class).stream().filter(p -> p.id().equals(payment))
                .findFirst().orElseThrow().value().status();
    }

    private List<Workload> live(WorkloadType type) {
        long tid = world.grid.findUser("ivy_mybot").orElseThrow().id();
        return world.grid.listWorkloads(tid).stream().filter(w -> w.nextAction() == NextAction.DEPLOY)
                .filter(w -> type == null || w.type() == type).toList();
    }

    private static void awaitTrue(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(condition.getAsBoolean()).isTrue();
    }
}
