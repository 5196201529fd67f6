package io.threebot.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.billing.PaymentNotFoundException;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.TooManyPaymentRequestsException;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.TooManyChatsException;
import io.threebot.deployer.chat.UnknownSessionException;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.ThreebotNotFoundException;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Limits that hold however many requests arrive at once, through however many instances. */
class ConcurrencyLimitsTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");

    @Test
    void fiftyChatStartsAtOnceThroughTwoInstancesLeaveExactlyTheFiveAllowed() throws Exception {
        InMemoryStateStore shared = new InMemoryStateStore();
        TestWorld world = TestWorld.sampleOn(new CuttableStore(shared, true));
        try (ThreebotDeployer a = world.instanceOn(shared, "a", TestWorld.fastSettings().build());
             ThreebotDeployer b = world.instanceOn(shared, "b", TestWorld.fastSettings().build())) {
            List<Outcome> outcomes = atOnce(50, i -> (i % 2 == 0 ? a : b).forOwner("kim").startChat(Flow.DEPLOY));

            assertThat(outcomes).filteredOn(Outcome::accepted).hasSize(5);
            assertThat(outcomes).filteredOn(o -> !o.accepted()).hasSize(45)
                    .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(TooManyChatsException.class)
                            .satisfies(e -> assertThat(((DeployerException) e).reason())
                                    .isEqualTo(DeployerException.Reason.RATE_LIMITED)));
            assertThat(a.forOwner("lee").startChat(Flow.DEPLOY).category()).as("another owner is not held up")
                    .isNotEqualTo(Category.ERROR);
        }
    }

    @Test
    void paymentRequestsWaitingToBePaidAreLimitedPerOwnerUnderConcurrency() throws Exception {
        TestWorld world = TestWorld.sample();
        world.ledger.payNothing();
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).build().start()) {
            ChatDriver chat = ChatDriver.start(deployer, "kim");
            world.ledger.payRequestsAfter(Duration.ZERO);
            assertThat(chat.runToEnd(Map.of("policy", "Farm", "farm", "freefarm")).category())
                    .isEqualTo(Category.END);
            world.ledger.payNothing();
            OwnerDeployer kim = deployer.forOwner("kim");
            String uuid = kim.threebots().get(0).uuid();
            int limit = TestWorld.fastSettings().build().billing().maxOpenRequestsPerOwner();

            List<Outcome> outcomes = atOnce(3 * limit, i -> kim.requestPayment(uuid, Purchase.extend(1)));

            assertThat(outcomes).filteredOn(Outcome::accepted).hasSize(limit);
            assertThat(outcomes).filteredOn(o -> !o.accepted())
                    .allSatisfy(o -> assertThat(o.failure()).isInstanceOf(TooManyPaymentRequestsException.class));
            assertThat(world.ledger.demands()).as("refused requests asked the wallet for nothing")
                    .hasSize(limit + 1);
        }
    }

    @Test
    void idsThatCannotBeIdsAnswerAsUnknownOnes() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            OwnerDeployer kim = deployer.forOwner("kim");
            String malformed = "x".repeat(128) + "/../";
            assertThatThrownBy(() -> kim.stop(malformed, Secret.of(PW))).isInstanceOf(ThreebotNotFoundException.class);
            assertThatThrownBy(() -> kim.payment(malformed)).isInstanceOf(PaymentNotFoundException.class);
            assertThatThrownBy(() -> kim.current(malformed)).isInstanceOf(UnknownSessionException.class);
            assertThatThrownBy(() -> kim.startChat(Flow.RESTART, malformed))
                    .isInstanceOf(ThreebotNotFoundException.class);
        }
    }

    @Test
    void aSecondOperationOnABusyThreebotIsRefusedAtOnce() throws Exception {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            assertThat(ChatDriver.start(deployer, "kim").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"))
                    .category()).isEqualTo(Category.END);
            OwnerDeployer kim = deployer.forOwner("kim");
            String uuid = kim.threebots().get(0).uuid();
            world.grid.failures().delayCalls(Duration.ofMillis(300)); // the stop takes a while on the grid
            CountDownLatch started = new CountDownLatch(1);
            ExecutorService pool = Executors.newSingleThreadExecutor();
            Future<?> stop = pool.submit(() -> {
                started.countDown();
                return kim.stop(uuid, Secret.of(PW));
            });
            started.await();
            Thread.sleep(100);
            long began = System.nanoTime();
            assertThatThrownBy(() -> kim.restart(uuid, Secret.of(PW), Optional.empty(), Progress.silent()))
                    .isInstanceOf(OperationInProgressException.class);
            long tookMillis = (System.nanoTime() - began) / 1_000_000;
            assertThat(tookMillis).as("refused without waiting for the stop").isLessThan(100);
            stop.get();
            pool.shutdown();
            assertThat(kim.threebots().get(0).state()).isEqualTo(ThreebotState.STOPPED);
        }
    }

    private record Outcome(boolean accepted, Throwable failure) {
    }

    @FunctionalInterface
    private interface Attempt {
        Object run(int i) throws Exception;
    }

    private static List<Outcome> atOnce(int n, Attempt attempt) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<Outcome>> futures = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            int index = i;
            Callable<Outcome> task = () -> {
                go.await();
                try {
                    attempt.run(index);
                    return new Outcome(true, null);
                } catch (DeployerException e) {
                    return new Outcome(false, e);
                }
            };
            futures.add(pool.submit(task));
        }
        go.countDown();
        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> f : futures) {
            outcomes.add(f.get());
        }
        pool.shutdown();
        return outcomes;
    }
}
