package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Listing probes every 3Bot at once: 200 probes of 200 ms take about one probe, not forty seconds. */
class ListingConcurrencyTest {
    private static final Duration PROBE = Duration.ofMillis(200);

    /** Answers after 200 ms, as a 3Bot across the internet would. */
    private static final class SlowProbe implements ReachabilityProbe {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public boolean isReachable(URI uri, Duration timeout) {
            calls.incrementAndGet();
            try {
                Thread.sleep(PROBE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
            return true;
        }
    }

    @Test
    void listing200ThreeBotsTakesLessThanThreeProbes() {
        TestWorld world = TestWorld.sample();
        Threebot real;
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver.start(deployer, "kim").runToEnd(Map.of());
            real = Internals.storedThreebots(deployer, "kim").get(0);
        }
        ThreebotRepository repository = new ThreebotRepository(world.store);
        for (int i = 1; i < 200; i++) {
            repository.save(new Threebot("copy" + i, "bot" + i, "kim", real.identityName(), real.identityTid(),
                    real.flavor(), real.farmId(), real.farmName(), real.continent(), real.nodeId(), real.poolId(),
                    "bot" + i + ".3bot.grid.tf", real.ipAddress(), ThreebotState.ERROR, real.workloadIds(),
                    real.passwordHash(), real.createdAt(), real.expiresAt(), real.deploymentId(), ""));
        }
        SlowProbe probe = new SlowProbe();
        try (ThreebotDeployer deployer = world.builder(TestWorld.fastSettings().build()).reachability(probe)
                .build()) {
            Internals.lifecycle(deployer).list("kim"); // warm up threads and classes

            long start = System.nanoTime();
            probe.isReachable(URI.create("https://x/admin"), PROBE);
            long oneProbe = System.nanoTime() - start;

            start = System.nanoTime();
            List<ThreebotView> views = Internals.lifecycle(deployer).list("kim");
            long listing = System.nanoTime() - start;

            double ratio = (double) listing / oneProbe;
            System.out.printf("listing 200 3Bots took %.0f ms, one probe %.0f ms: ratio %.2f%n", listing / 1e6,
                    oneProbe / 1e6, ratio);
            assertThat(views).hasSize(200).allSatisfy(v -> assertThat(v.state()).isEqualTo(ThreebotState.RUNNING));
            assertThat(ratio).isLessThan(3.0);
            assertThat(probe.calls.get()).isEqualTo(401);
        }
    }
}
