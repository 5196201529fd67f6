package io.threebot.deployer.internal.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Owners hear in time that a 3Bot's pool runs dry, once per pool, and when it ran dry; the listing says so too. */
class ExpiryWatchTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");

    private final SimulatedClock clock = new SimulatedClock();
    private final SimulatedWorld world = SimulatedWorld.builder().clock(clock).workloadDelay(Duration.ZERO).build();
    private final List<ExpiryNotice> heard = new CopyOnWriteArrayList<>();
    private final List<DeploymentEvent> events = new CopyOnWriteArrayList<>();

    private ThreebotDeployer deployer() {
        return world.deployerBuilder(SimulatedWorld.fastSettings().build()).events(events::add)
                .expiryListener(heard::add).build().start();
    }

    private static ThreebotView only(ThreebotDeployer deployer) {
        return deployer.forOwner("kim").threebots().get(0);
    }

    @Test
    void warnsOnceWithinTwoDaysThenTellsWhenThePoolRanDry() {
        try (ThreebotDeployer deployer = deployer()) {
            assertThat(ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "3")).category())
                    .isEqualTo(Category.END);
            assertThat(deployer.checkExpiry()).as("three days left: nothing to tell").isEmpty();
            assertThat(only(deployer).expiry()).contains(Expiry.OK);
            assertThat(only(deployer).poolTimeLeft().orElseThrow()).isGreaterThan(Duration.ofDays(2));

            clock.advance(Duration.ofHours(26));
            List<ExpiryNotice> soon = deployer.checkExpiry();
            assertThat(soon).singleElement().satisfies(n -> {
                assertThat(n.owner()).isEqualTo("kim");
                assertThat(n.expiry()).isEqualTo(Expiry.EXPIRES_SOON);
                assertThat(n.timeLeft()).isBetween(Duration.ofHours(44), Duration.ofHours(48));
                assertThat(n.message()).isEqualTo("3Bot 'mybot' runs out of capacity in about " + n.timeLeft()
                        .toHours() + " hours: extend it to keep it running.");
            });
            assertThat(heard).containsExactlyElementsOf(soon);
            assertThat(events).filteredOn(e -> e.kind() == DeploymentEvent.Kind.EXPIRES_SOON).singleElement()
                    .satisfies(e -> assertThat(e.message()).isEqualTo(soon.get(0).message()));
            assertThat(only(deployer).expiry()).contains(Expiry.EXPIRES_SOON);
            assertThat(deployer.checkExpiry()).as("told once").isEmpty();

            clock.advance(Duration.ofDays(2));
            assertThat(only(deployer).state()).as("the grid removed its workloads").isEqualTo(ThreebotState.STOPPED);
            assertThat(deployer.checkExpiry()).singleElement().satisfies(n -> {
                assertThat(n.expiry()).isEqualTo(Expiry.RAN_DRY);
                assertThat(n.timeLeft()).isZero();
            });
            assertThat(only(deployer).expiry()).contains(Expiry.RAN_DRY);
            assertThat(deployer.checkExpiry()).isEmpty();
            assertThat(heard).extracting(ExpiryNotice::expiry).containsExactly(Expiry.EXPIRES_SOON, Expiry.RAN_DRY);
        }
    }

    @Test
    void aCheckReadsNoDestroyedThreebotAndDestroyingForgetsWhatWasTold() {
        io.threebot.deployer.testing.ScanRefusingStore store = new io.threebot.deployer.testing.ScanRefusingStore(
                new io.threebot.deployer.store.InMemoryStateStore(),
                java.util.Set.of(io.threebot.deployer.internal.deploy.ThreebotRepository.KIND));
        // a store whose 3Bots were all written with their status: nothing to index first
        store.put(io.threebot.deployer.internal.store.IndexBackfill.KIND,
                io.threebot.deployer.internal.deploy.ThreebotRepository.KIND, Map.of("rewritten", 0), 0);
        SimulatedWorld guarded = SimulatedWorld.builder().clock(clock).workloadDelay(Duration.ZERO).store(store)
                .build();
        try (ThreebotDeployer deployer = guarded.deployerBuilder(SimulatedWorld.fastSettings().build()).build()
                .start()) {
            ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "3", "name", "keep"));
            ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "3", "name", "gone"));
            clock.advance(Duration.ofHours(26));
            assertThat(deployer.checkExpiry()).extracting(ExpiryNotice::name).containsExactlyInAnyOrder("keep",
                    "gone");
            var gone = Internals.storedThreebots(deployer, "kim").stream().filter(t -> t.name().equals("gone"))
                    .findFirst()
                    .orElseThrow();
            Internals.lifecycle(deployer).destroy("kim", gone.uuid(), PW);
            assertThat(store.get(ExpiryWatch.KIND, gone.identityName(), Object.class)).isEmpty();

            clock.advance(Duration.ofDays(2));
            assertThat(deployer.checkExpiry()).singleElement().satisfies(n -> {
                assertThat(n.name()).isEqualTo("keep");
                assertThat(n.expiry()).isEqualTo(Expiry.RAN_DRY);
            });
        }
    }

    @Test
    void aNewDeployerOnTheSameStoreDoesNotTellAgain() {
        try (ThreebotDeployer deployer = deployer()) {
            ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "1"));
            assertThat(deployer.checkExpiry()).extracting(ExpiryNotice::expiry).containsExactly(Expiry.EXPIRES_SOON);
        }
        try (ThreebotDeployer restarted = deployer()) {
            assertThat(restarted.checkExpiry()).isEmpty();
            assertThat(heard).hasSize(1);
        }
    }

    @Test
    void buyingDaysRearmsTheWarning() {
        try (ThreebotDeployer deployer = deployer()) {
            ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "1"));
            assertThat(deployer.checkExpiry()).hasSize(1);
            ThreebotService bots = Internals.lifecycle(deployer);
            String uuid = only(deployer).uuid();
            String paid = bots.requestPayment("kim", uuid, Purchase.extend(5)).id();
            bots.extend("kim", uuid, PW, paid, Progress.silent());
            assertThat(deployer.checkExpiry()).as("six days left").isEmpty();
            assertThat(only(deployer).expiry()).contains(Expiry.OK);

            clock.advance(Duration.ofDays(5));
            assertThat(deployer.checkExpiry()).extracting(ExpiryNotice::expiry)
                    .containsExactly(Expiry.EXPIRES_SOON);
        }
    }

    @Test
    void aBotItsOwnerStoppedIsNotWarnedAbout() {
        try (ThreebotDeployer deployer = deployer()) {
            ChatDriver.start(deployer, "kim").runToEnd(Map.of("days", "1"));
            Internals.lifecycle(deployer).stop("kim", only(deployer).uuid(), PW);
            assertThat(deployer.checkExpiry()).isEmpty();
            assertThat(heard).isEmpty();
        }
    }
}
