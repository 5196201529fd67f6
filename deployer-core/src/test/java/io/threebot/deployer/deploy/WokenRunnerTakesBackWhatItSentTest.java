package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.flows.PaymentSteps;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.store.InMemoryStateStore;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.CuttableStore;
import io.threebot.deployer.testing.TestWorld;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * An instance paused inside its grid call (after it checked its lease, before the request left) while another
 * instance takes the deployment over and sends the same workload: once woken, its request still reaches the grid,
 * and it takes back what it sent at once, so only the workload the deployment's journal names stays live.
 */
class WokenRunnerTakesBackWhatItSentTest {
    private static final DeployerSettings SETTINGS = TestWorld.fastSettings().leaseDuration(Duration.ofMillis(600))
            .build();

    @Test
    void aContainerSentByARunnerThatLostItsLeaseMeanwhileIsRemovedAndTheOtherStays() throws Exception {
        InMemoryStateStore shared = new InMemoryStateStore();
        CuttableStore storeA = new CuttableStore(shared, true);
        TestWorld world = TestWorld.sampleOn(storeA);
        CountDownLatch insideTheCall = new CountDownLatch(1);
        CountDownLatch wake = new CountDownLatch(1);
        GridClient pausing = (GridClient) Proxy.newProxyInstance(GridClient.class.getClassLoader(),
                new Class<?>[] {GridClient.class}, (self, method, args) -> {
                    if (method.getName().equals("deployWorkload")
                            && ((Workload) args[0]).type() == WorkloadType.CONTAINER && insideTheCall.getCount() > 0) {
                        storeA.freezeNow(); // the whole instance stops here, its lease renewals too
                        insideTheCall.countDown();
                        wake.await();
                    }
                    try {
                        return method.invoke(world.grid, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (ThreebotDeployer a = world.builder(SETTINGS).grid(pausing).store(storeA).instanceId("a").build()
                .start()) {
            ChatDriver chat = ChatDriver.start(a, "wes");
            chat.answerUntil(PaymentSteps.QUESTION_KEY, Map.of());
            a.forOwner("wes").answer(chat.sessionId(), "");
            assertThat(insideTheCall.await(20, TimeUnit.SECONDS)).isTrue();

            try (ThreebotDeployer b = world.instanceOn(shared, "b", SETTINGS)) {
                ChatMessage end = ChatDriver.resume(b, "wes", chat.sessionId()).runToEnd(Map.of());
                assertThat(end.category()).as(end.payload().msg()).isEqualTo(Category.END);
            }
            List<Workload> beforeWaking = liveContainers(world);
            assertThat(beforeWaking).as("the container of the instance that took over").hasSize(1);

            wake.countDown(); // the request leaves; the rest of the instance is still frozen
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (world.grid.listWorkloads(tid(world)).stream().filter(w -> w.type() == WorkloadType.CONTAINER)
                    .count() < 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertThat(world.grid.listWorkloads(tid(world))).filteredOn(w -> w.type() == WorkloadType.CONTAINER)
                    .as("the woken instance's container reached the grid").hasSize(2);
            storeA.thaw();
            while (liveContainers(world).size() > 1 && System.nanoTime() < deadline + Duration.ofSeconds(10)
                    .toNanos()) {
                Thread.sleep(10);
            }
            Thread.sleep(SETTINGS.leaseDuration().toMillis());

            assertThat(liveContainers(world)).as("and was taken back: the journal's container alone stays live")
                    .containsExactlyElementsOf(beforeWaking);
        }
    }

    private static long tid(TestWorld world) {
        return world.grid.findUser("wes_mybot").orElseThrow().id();
    }

    private static List<Workload> liveContainers(TestWorld world) {
        return world.grid.listWorkloads(tid(world)).stream()
                .filter(w -> w.type() == WorkloadType.CONTAINER && w.nextAction() == NextAction.DEPLOY).toList();
    }
}
