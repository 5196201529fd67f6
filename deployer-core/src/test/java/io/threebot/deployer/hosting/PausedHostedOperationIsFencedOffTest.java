package io.threebot.deployer.hosting;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.InMemoryHosting;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * An instance frozen (as by SIGSTOP) in the middle of an operation on a hosted 3Bot, past its lease, while another
 * instance stops and starts the 3Bot: once woken, the frozen one does not reach the hosting grid (its calls that
 * change something check the lease first), so it cannot cancel the contracts the other instance made.
 */
class PausedHostedOperationIsFencedOffTest {
    private static final DeployerSettings SETTINGS = TestWorld.fastSettings().leaseDuration(Duration.ofMillis(600))
            .build();
    private static final Secret PASSWORD = Secret.of(ChatDriver.DEFAULTS.get("password"));

    private final InMemoryHosting hosting = new InMemoryHosting();

    private ThreebotDeployer instance(TestWorld world, CuttableStore store, String id) {
        return world.builder(SETTINGS).store(store).instanceId(id).hosting(hosting).reachability(hosting.probe())
                .build().start();
    }

    @Test
    void aWokenStopCancelsNothingOnceAnotherInstanceTookThe3BotOver() throws Exception {
        InMemoryStateStore shared = new InMemoryStateStore();
        CuttableStore storeA = new CuttableStore(shared, true);
        CuttableStore storeB = new CuttableStore(shared, true);
        TestWorld world = TestWorld.sampleOn(storeA);
        try (ThreebotDeployer a = instance(world, storeA, "a")) {
            ChatMessage end = ChatDriver.start(a, "pia").runToEnd(Map.of("days", "3"));
            assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
            ThreebotView bot = a.forOwner("pia").threebots().get(0);
            String account = hosting.contracts().get(0).account();

            // A takes the 3Bot's lease to stop it and freezes before it reaches the grid: at its second read of the
            // hosted record (the first tells it the 3Bot is hosted, before the lease; the second is under it)
            CompletableFuture<Thread> stopper = new CompletableFuture<>();
            CompletableFuture<ThreebotView> stop = CompletableFuture.supplyAsync(() -> {
                storeA.freezeAtRead(HostedRecords.KIND, Thread.currentThread(), 2);
                stopper.complete(Thread.currentThread());
                return a.forOwner("pia").stop(bot.uuid(), PASSWORD);
            });
            stopper.join();
            awaitTrue(storeA::frozen);
            Thread.sleep(SETTINGS.leaseDuration().toMillis() * 2);

            List<InMemoryHosting.Contract> running;
            try (ThreebotDeployer b = instance(world, storeB, "b")) {
                b.forOwner("pia").stop(bot.uuid(), PASSWORD);
                ThreebotView started = b.forOwner("pia").start(bot.uuid(), PASSWORD, Optional.empty(),
                        Progress.silent());
                assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
                running = hosting.live(account);
            }
            assertThat(running).as("B's start made the 3Bot's contracts again").isNotEmpty();

            storeA.thaw();
            Throwable refused = stop.handle((view, failure) -> failure).get();

            assertThat(refused).as("the woken stop").isNotNull();
            assertThat(rootCauses(refused)).anyMatch(t -> t instanceof DeployerException
                    && t.getMessage().contains("another deployer instance"));
            assertThat(hosting.live(account)).as("the contracts B made").isEqualTo(running);
        }
    }

    private static List<Throwable> rootCauses(Throwable failure) {
        List<Throwable> all = new java.util.ArrayList<>();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            all.add(t);
        }
        return all;
    }

    private static void awaitTrue(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertThat(condition.getAsBoolean()).as("the instance froze at its position").isTrue();
    }
}
