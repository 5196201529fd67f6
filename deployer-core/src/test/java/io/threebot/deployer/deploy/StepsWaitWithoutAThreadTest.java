package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * While a deploy waits for its user's payment, for its network to come up, for its container and gateway to come up,
 * and for its 3Bot to answer, its chat step holds no thread: the step is paused and runs again once the workloads are
 * up, or after a pause to look at the payment or ask the 3Bot again.
 */
class StepsWaitWithoutAThreadTest {
    private final TestWorld world = TestWorld.sample();

    /** One look at the threads: how many steps are paused, and the waits a thread is held in. */
    private record Sample(int paused, List<String> heldIn) {
    }

    @Test
    void noThreadWaitsForTheWorkloadsOrTheAnswerWhileTheStepIsPaused() throws Exception {
        world.ledger.payRequestsAfter(Duration.ofMillis(600));
        world.grid.deployDelay(Duration.ofMillis(600));
        world.reachability.bootTime(Duration.ofMillis(600));
        List<Sample> samples = new ArrayList<>();
        try (ThreebotDeployer deployer = world.deployer()) {
            CompletableFuture<ChatMessage> deploy = CompletableFuture.supplyAsync(
                    () -> ChatDriver.start(deployer, "dora").runToEnd(Map.of()));
            while (!deploy.isDone()) {
                samples.add(new Sample(Internals.pausedSteps(deployer), heldWaits()));
                Thread.sleep(5);
            }
            assertThat(deploy.get(30, TimeUnit.SECONDS).category()).isEqualTo(Category.END);
            assertThat(Internals.storedThreebots(deployer, "dora")).singleElement()
                    .satisfies(b -> assertThat(b.state()).isEqualTo(ThreebotState.RUNNING));
            assertThat(Internals.pausedSteps(deployer)).isZero();
        }
        assertThat(samples).as("the deploy's steps were seen paused").anyMatch(s -> s.paused() == 1);
        assertThat(samples).flatExtracting(Sample::heldIn)
                .as("no thread waited for the payment, the network, the container or the answer").isEmpty();
    }

    /**
     * The threads held waiting for a payment, the set-up's network, a reservation's workloads or a 3Bot's answer, by
     * the wait.
     */
    private static List<String> heldWaits() {
        List<String> held = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean reserving = Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("reserveSteps"));
            boolean initializing = Arrays.stream(stack).anyMatch(f -> f.getClassName().endsWith("InitializeStep"));
            boolean paying = Arrays.stream(stack).anyMatch(f -> f.getClassName().contains("PaymentSteps"));
            boolean networking = Arrays.stream(stack).anyMatch(f -> f.getMethodName().equals("placed")
                    || f.getClassName().endsWith("NetworkBuilder"));
            boolean waiting = Arrays.stream(stack).anyMatch(f -> f.getClassName().endsWith("CompletableFuture")
                    && f.getMethodName().equals("get") || f.getClassName().endsWith("Sleeper")
                    || f.getMethodName().equals("sleep"));
            if (waiting && (reserving || initializing || paying || networking)) {
                held.add(thread.getName() + (reserving ? " reserving" : initializing ? " initializing"
                        : networking ? " networking" : " paying"));
            }
        });
        return held;
    }
}
