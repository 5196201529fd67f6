package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.support.InMemoryBackupServers;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A running 3Bot that changes size or place keeps answering: the new container comes up beside the old one, is
 * asked directly, and only then replaces it. When the new one fails or stays silent, the old one just goes on.
 */
class NoDowntimeRedeployTest {
    private static final Secret PW = Secret.of(ChatDriver.DEFAULTS.get("password"));

    private final TestWorld world = TestWorld.sample();
    /** The backup servers, with every password check a container's start made. */
    private final List<String> verified = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final InMemoryBackupServers servers = new InMemoryBackupServers(List.of("backup1.local", "backup2.local"));
    private final ThreebotDeployer deployer = world.builder(TestWorld.fastSettings()
            .readinessTimeout(Duration.ofSeconds(2)).stopTimeout(Duration.ofSeconds(2)).build())
            .backups(new BackupServers() {
                @Override
                public List<String> addresses() {
                    return servers.addresses();
                }

                @Override
                public List<String> createUser(String user, Secret password) {
                    return servers.createUser(user, password);
                }

                @Override
                public boolean verifyUser(String user, Secret password) {
                    boolean ok = servers.verifyUser(user, password);
                    verified.add(user + (ok ? " ok" : " refused"));
                    return ok;
                }

                @Override
                public void deleteUser(String user) {
                    servers.deleteUser(user);
                }
            }).build().start();
    private final OwnerDeployer ivy = deployer.forOwner("ivy");

    @AfterEach
    void close() {
        deployer.close();
    }

    private ThreebotView deploy() {
        assertThat(ChatDriver.start(deployer, "ivy").runToEnd(Map.of("name", "steady")).category())
                .isEqualTo(Category.END);
        return ivy.threebots().get(0);
    }

    private Optional<String> paid(ThreebotView bot, Purchase purchase) {
        return Optional.of(ivy.requestPayment(bot.uuid(), purchase).id());
    }

    /** Runs the operation while probing the 3Bot's address every few milliseconds; returns how often it missed. */
    private <T> int missesDuring(ThreebotView bot, Supplier<T> operation, Object[] result) throws Exception {
        AtomicBoolean running = new AtomicBoolean(true);
        AtomicInteger misses = new AtomicInteger();
        AtomicInteger probes = new AtomicInteger();
        Thread prober = new Thread(() -> {
            while (running.get()) {
                if (!world.reachability.isReachable(URI.create(bot.url()), Duration.ofMillis(100))) {
                    misses.incrementAndGet();
                }
                probes.incrementAndGet();
                try {
                    Thread.sleep(1);
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        prober.start();
        try {
            result[0] = operation.get();
        } catch (RuntimeException e) {
            result[0] = e;
        } finally {
            running.set(false);
            prober.join();
        }
        assertThat(probes.get()).as("probed all along").isGreaterThanOrEqualTo(5);
        return misses.get();
    }

    private List<Workload> liveOf(long tid, WorkloadType type) {
        return world.grid.listWorkloads(tid).stream().filter(w -> w.type() == type)
                .filter(w -> w.nextAction() == NextAction.DEPLOY).toList();
    }

    @Test
    void aResizeKeepsTheAddressAnsweringAndReplacesTheContainerAndItsNetwork() throws Exception {
        ThreebotView before = deploy();
        long tid = Internals.storedThreebots(deployer, "ivy").get(0).identityTid();
        long oldContainer = before.workloadIds().get(2);
        Object[] result = new Object[1];
        Optional<String> payment = paid(before, Purchase.changeSize(Flavor.GOLD, 2));
        verified.clear(); // the first container made the account: a check refused, then the account created

        int misses = missesDuring(before, () -> ivy.changeSize(before.uuid(), PW, Flavor.GOLD, payment,
                Progress.silent()), result);

        assertThat(result[0]).isInstanceOf(ThreebotView.class);
        ThreebotView after = (ThreebotView) result[0];
        assertThat(misses).as("the address never stopped answering").isZero();
        assertThat(after.flavor()).isEqualTo(Flavor.GOLD);
        assertThat(after.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(verified).as("the new container opened the same backup account: backups go on")
                .containsExactly("ivy_steady ok");
        assertThat(after.workloadIds().subList(0, 2)).as("the same subdomain and proxy")
                .isEqualTo(before.workloadIds().subList(0, 2));
        assertThat(ivy.threebots()).extracting(ThreebotView::uuid).containsExactly(after.uuid());
        assertThat(liveOf(tid, WorkloadType.CONTAINER)).extracting(Workload::id)
                .containsExactly(after.workloadIds().get(2)).doesNotContain(oldContainer);
        String newDeployment = Internals.storedThreebots(deployer, "ivy").get(0).deploymentId();
        assertThat(liveOf(tid, WorkloadType.NETWORK_RESOURCE)).as("only the new deployment's network").isNotEmpty()
                .allSatisfy(w -> assertThat(w.reference()).startsWith(newDeployment + "/"));
    }

    @Test
    void aMoveWhoseNewContainerFailsLeavesTheOldOneRunningUntouchedAndRefundsThePayment() throws Exception {
        ThreebotView before = deploy();
        long tid = Internals.storedThreebots(deployer, "ivy").get(0).identityTid();
        long paidBefore = world.ledger.netOf(SimulatedLedger.AUTO_PAYER);
        Optional<String> payment = paid(before, Purchase.changeLocation(2));
        world.grid.failures().failNextWorkloads(WorkloadType.CONTAINER, 5);
        Object[] result = new Object[1];

        int misses = missesDuring(before, () -> ivy.changeLocation(before.uuid(), PW,
                LocationPolicy.parse("continent:Asia"), payment, Progress.silent()), result);

        assertThat(result[0]).isInstanceOf(PaidOperationFailedException.class);
        assertThat(((Exception) result[0]).getMessage()).contains("Your 3Bot keeps running as it was.");
        assertThat(misses).isZero();
        assertThat(ivy.threebots()).singleElement().satisfies(v -> {
            assertThat(v.uuid()).isEqualTo(before.uuid());
            assertThat(v.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(v.workloadIds()).isEqualTo(before.workloadIds());
        });
        assertThat(liveOf(tid, WorkloadType.CONTAINER)).extracting(Workload::id)
                .containsExactly(before.workloadIds().get(2));
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).as("refunded in full").isEqualTo(paidBefore);
    }

    @Test
    void aNewContainerThatNeverAnswersIsRemovedAndTheOldOneGoesOn() throws Exception {
        ThreebotView before = deploy();
        long tid = Internals.storedThreebots(deployer, "ivy").get(0).identityTid();
        String oldDeployment = Internals.storedThreebots(deployer, "ivy").get(0).deploymentId();
        Optional<String> payment = paid(before, Purchase.changeSize(Flavor.GOLD, 2));
        world.reachability.silenceContainersStartedFromNow();
        Object[] result = new Object[1];

        int misses = missesDuring(before, () -> ivy.changeSize(before.uuid(), PW, Flavor.GOLD, payment,
                Progress.silent()), result);

        assertThat(result[0]).isInstanceOf(PaidOperationFailedException.class);
        assertThat(((Exception) result[0]).getMessage()).contains("did not answer")
                .contains("Your 3Bot keeps running as it was.");
        assertThat(misses).as("the old container answered all along").isZero();
        assertThat(ivy.threebots()).singleElement().satisfies(v -> {
            assertThat(v.uuid()).isEqualTo(before.uuid());
            assertThat(v.flavor()).isEqualTo(before.flavor());
            assertThat(v.state()).isEqualTo(ThreebotState.RUNNING);
        });
        assertThat(liveOf(tid, WorkloadType.CONTAINER)).extracting(Workload::id)
                .containsExactly(before.workloadIds().get(2));
        assertThat(liveOf(tid, WorkloadType.NETWORK_RESOURCE)).as("the new network removed too").isNotEmpty()
                .allSatisfy(w -> assertThat(w.reference()).startsWith(oldDeployment + "/"));
        assertThatThrownBy(() -> ivy.changeSize(before.uuid(), PW, Flavor.SILVER, Optional.empty(),
                Progress.silent())).as("it is the old one, Silver, still").isInstanceOf(InvalidStateException.class);
    }
}
