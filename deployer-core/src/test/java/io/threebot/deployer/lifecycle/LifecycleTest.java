package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;

import io.threebot.deployer.Flow;
import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.ContainerSpec;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.NextAction;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Workload;
import io.threebot.deployer.model.WorkloadType;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.support.InMemoryBackupServers;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LifecycleTest {
    private static final String PW = ChatDriver.DEFAULTS.get("password");

    private final TestWorld world = TestWorld.sample();
    private final ThreebotDeployer deployer = world.deployer(TestWorld.fastSettings()
            .stopTimeout(Duration.ofSeconds(2)).build());
    private final ThreebotService service = Internals.lifecycle(deployer);

    @AfterEach
    void close() {
        deployer.close();
    }

    private Threebot deploy(String owner, String name, Map<String, String> more) {
        Map<String, String> answers = new java.util.HashMap<>(more);
        answers.put("name", name);
        assertThat(ChatDriver.start(deployer, owner).runToEnd(answers).category()).isEqualTo(Category.END);
        return Internals.storedThreebots(deployer, owner).stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow();
    }

    /** A payment request for the purchase, paid at once by the world's simulated user. */
    private Optional<String> paid(Threebot bot, Purchase purchase) {
        return Optional.of(service.requestPayment(bot.owner(), bot.uuid(), purchase).id());
    }

    private List<Workload> live(Threebot bot) {
        return world.grid.listWorkloads(bot.identityTid()).stream()
                .filter(w -> w.nextAction() == NextAction.DEPLOY).toList();
    }

    @Test
    void buildingWithoutAGridOrWithAStoreButNoKeysFailsWithWhatToDo() {
        assertThatThrownBy(() -> ThreebotDeployer.builder().build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("ThreebotDeployer.simulated()");
        assertThatThrownBy(() -> ThreebotDeployer.simulated().store(new io.threebot.deployer.store.InMemoryStateStore())
                .build()).isInstanceOf(IllegalStateException.class).hasMessageContaining("secretSealer(...)");
    }

    @Test
    void listingShowsLiveStateAndReconcilesIt() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        ThreebotView view = service.list("ivy").get(0);
        assertThat(view.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(view.domain()).isEqualTo(bot.domain());
        assertThat(view.ipv4()).contains(bot.ipAddress());
        assertThat(view.ipv6()).isPresent();
        assertThat(view.flavor()).isEqualTo(Flavor.SILVER);
        assertThat(view.expiresAt()).isPresent();

        world.reachability.silence(bot.domain());
        assertThat(service.list("ivy").get(0).state()).isEqualTo(ThreebotState.ERROR);
        assertThat(Internals.storedThreebots(deployer, "ivy").get(0).state()).as("saved")
                .isEqualTo(ThreebotState.ERROR);
        world.reachability.unsilence(bot.domain());
        assertThat(service.list("ivy").get(0).state()).isEqualTo(ThreebotState.RUNNING);

        // the grid removed the container (say the pool ran dry): the 3Bot is stopped
        GridIdentity identity = deployerIdentity(bot);
        world.grid.decommission(bot.workloadIds().get(2), identity);
        assertThat(service.list("ivy").get(0).state()).isEqualTo(ThreebotState.STOPPED);
    }

    @Test
    void aDeleted3BotNeverComesBackToRunning() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        new ThreebotRepository(world.store).update(bot.uuid(), t -> t.withState(ThreebotState.DELETED));
        assertThat(service.list("ivy").get(0).state()).isEqualTo(ThreebotState.DELETED);
    }

    @Test
    void stopRemovesTheWorkloadsAndKeepsThePool() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        Threebot stopped = service.stop("ivy", bot.uuid(), PW);
        assertThat(stopped.state()).isEqualTo(ThreebotState.STOPPED);
        for (long id : bot.workloadIds()) {
            assertThat(world.grid.getWorkload(id).orElseThrow().nextAction()).isEqualTo(NextAction.DELETED);
        }
        assertThat(world.grid.getPool(bot.poolId()).orElseThrow().cus()).isPositive();
        assertThat(service.list("ivy").get(0).state()).isEqualTo(ThreebotState.STOPPED);
    }

    @Test
    void startRedeploysOnTheSamePoolGatewayAndDomainWithANewIdAndTheSameHash() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        service.stop("ivy", bot.uuid(), PW);
        List<String> progress = new java.util.ArrayList<>();
        Threebot started = service.start("ivy", bot.uuid(), PW, Optional.empty(), progress::add);

        assertThat(started.uuid()).isNotEqualTo(bot.uuid());
        assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(started.domain()).isEqualTo(bot.domain());
        assertThat(started.poolId()).isEqualTo(bot.poolId());
        assertThat(started.passwordHash()).isEqualTo(bot.passwordHash());
        assertThat(Internals.storedThreebots(deployer, "ivy")).extracting(Threebot::uuid)
                .containsExactly(started.uuid());
        assertThat(progress).anyMatch(m -> m.contains("Deploying your 3Bot"));
        assertThat(live(started)).filteredOn(w -> w.type() == WorkloadType.SUBDOMAIN).hasSize(1);
        assertThat(live(started)).filteredOn(w -> w.type() == WorkloadType.CONTAINER).hasSize(1);
        // the old network is gone, the new one runs
        assertThat(live(started)).filteredOn(w -> w.type() == WorkloadType.NETWORK_RESOURCE).isNotEmpty()
                .allSatisfy(w -> assertThat(w.reference()).doesNotStartWith(bot.deploymentId()));
        assertThatThrownBy(() -> service.verify("ivy", started.uuid(), "wrong"))
                .isInstanceOf(WrongPasswordException.class);
        assertThat(service.verify("ivy", started.uuid(), PW)).isEqualTo(started);
    }

    @Test
    void restartStopsARunning3BotAndStartsItAgain() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        Threebot restarted = service.restart("ivy", bot.uuid(), PW, Optional.empty(), Progress.silent());
        assertThat(restarted.state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(world.grid.getWorkload(bot.workloadIds().get(2)).orElseThrow().nextAction())
                .isEqualTo(NextAction.DELETED);
    }

    @Test
    void changeSizeRedeploysWithTheNewCapacityAndExtendsThePool() {
        Threebot bot = deploy("ivy", "mybot", Map.of("policy", "Farm", "farm", "freefarm"));
        double cusBefore = world.grid.getPool(bot.poolId()).orElseThrow().cus();
        Threebot gold = service.changeSize("ivy", bot.uuid(), PW, Flavor.GOLD,
                paid(bot, Purchase.changeSize(Flavor.GOLD, 3)), Progress.silent());
        ContainerSpec container = (ContainerSpec) world.grid.getWorkload(gold.workloadIds().get(2)).orElseThrow()
                .spec();
        assertThat(container.capacity().cpu()).isEqualTo(2);
        assertThat(container.capacity().memoryMib()).isEqualTo(4096);
        assertThat(container.capacity().diskMib()).isEqualTo(4096);
        assertThat(gold.flavor()).isEqualTo(Flavor.GOLD);
        assertThat(gold.poolId()).isEqualTo(bot.poolId());
        assertThat(world.grid.getPool(bot.poolId()).orElseThrow().cus()).isGreaterThan(cusBefore);
        assertThatThrownBy(() -> service.changeSize("ivy", gold.uuid(), PW, Flavor.GOLD, Optional.empty(),
                Progress.silent()))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("Gold already");
    }

    @Test
    void changeLocationMovesToAnotherFarmKeepingTheDomain() {
        Threebot bot = deploy("ivy", "mybot", Map.of("policy", "Farm", "farm", "freefarm"));
        Threebot moved = service.changeLocation("ivy", bot.uuid(), PW, LocationPolicy.farm("tokyo-hub"),
                paid(bot, Purchase.changeLocation(2)), Progress.silent());
        assertThat(moved.farmName()).isEqualTo("tokyo-hub");
        assertThat(moved.nodeId()).isEqualTo("node-tokyo-1");
        assertThat(moved.domain()).isEqualTo(bot.domain());
        assertThat(moved.poolId()).isNotEqualTo(bot.poolId());
        assertThat(moved.state()).isEqualTo(ThreebotState.RUNNING);
        assertThatThrownBy(() -> service.changeLocation("ivy", moved.uuid(), PW,
                LocationPolicy.farm("unplaced-farm"), Optional.empty(), Progress.silent()))
                .isInstanceOf(InvalidStateException.class)
                .hasMessage("No farm at farm:unplaced-farm has room for a Silver 3Bot now.");
    }

    @Test
    void extendBuysMoreTimeAndRefundsWhenItFails() {
        Threebot bot = deploy("ivy", "mybot", Map.of("days", "2"));
        Threebot extended = service.extend("ivy", bot.uuid(), PW, paid(bot, Purchase.extend(10)).orElseThrow(),
                Progress.silent());
        assertThat(extended.expiresAt().orElseThrow()).isAfter(bot.expiresAt().orElseThrow().plus(Duration.ofDays(9)));
        assertThat(world.payments.receipts()).hasSize(2);

        world.grid.failures().failNextCalls("getPoolPayment", 1000);
        long userBefore = world.ledger.netOf(SimulatedLedger.AUTO_PAYER);
        String payment = paid(bot, Purchase.extend(1)).orElseThrow();
        assertThatThrownBy(() -> service.extend("ivy", bot.uuid(), PW, payment, Progress.silent()))
                .isInstanceOf(PaidOperationFailedException.class)
                .hasMessageContaining("Your payment of " + deployer.forOwner("ivy").payment(payment).amountText()
                        + " TFT is refunded in full.");
        world.grid.failures().clear();
        assertThat(world.payments.receipts()).hasSize(3);
        assertThat(world.payments.receipts().get(2).refunded()).isTrue();
        assertThat(world.ledger.netOf(SimulatedLedger.AUTO_PAYER)).as("paid, then refunded in full")
                .isEqualTo(userBefore);
        assertThat(world.ledger.refunds()).filteredOn(r -> r.idempotencyKey().startsWith(payment))
                .singleElement().satisfies(r -> assertThat(r.amountStroops())
                        .isEqualTo(deployer.forOwner("ivy").payment(payment).amountStroops()));
        assertThat(deployer.forOwner("ivy").payment(payment).status()).isEqualTo(PaymentStatus.REFUNDED);
    }

    @Test
    void destroyStopsRemovesBackupsAndTheNetwork() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        var backups = new InMemoryBackupServers(List.of("b1"));
        try (ThreebotDeployer withBackups = world.builder(TestWorld.fastSettings().build()).backups(backups)
                .build()) {
            backups.createUser(bot.identityName(), Secret.of("x"));
            Threebot destroyed = Internals.lifecycle(withBackups).destroy("ivy", bot.uuid(), PW);
            assertThat(destroyed.state()).isEqualTo(ThreebotState.DELETED);
            assertThat(backups.hasUser(bot.identityName())).isFalse();
            assertThat(live(bot)).isEmpty();
            assertThatThrownBy(() -> Internals.lifecycle(withBackups).start("ivy", bot.uuid(), PW, Optional.empty(),
                    Progress.silent()))
                    .isInstanceOf(InvalidStateException.class).hasMessageContaining("it was destroyed");
        }
    }

    @Test
    void aBackupServerFailureDuringDestroyLeavesTheTruthStopped() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        BackupServers broken = mock(BackupServers.class);
        doThrow(new DeployerException("backup server 2 refused the connection")).when(broken).deleteUser(anyString());
        try (ThreebotDeployer withBroken = world.builder(TestWorld.fastSettings().build()).backups(broken)
                .build()) {
            assertThatThrownBy(() -> Internals.lifecycle(withBroken).destroy("ivy", bot.uuid(), PW))
                    .isInstanceOf(BackupRemovalException.class)
                    .hasMessageContaining("is stopped, but its backups could not be removed")
                    .hasMessageContaining("backup server 2 refused");
            assertThat(Internals.storedThreebots(withBroken, "ivy").get(0).state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(live(bot)).noneMatch(w -> w.type() == WorkloadType.CONTAINER);
        }
    }

    @Test
    void badInputsGiveClearErrorsAndChangeNothing() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        assertThatThrownBy(() -> service.stop("ivy", "no-such-bot", PW)).isInstanceOf(ThreebotNotFoundException.class);
        assertThatThrownBy(() -> service.stop("mallory", bot.uuid(), PW))
                .as("another user's 3Bot answers as an unknown one").isInstanceOf(ThreebotNotFoundException.class)
                .hasMessage("No 3Bot has the id '" + bot.uuid() + "'.");
        assertThatThrownBy(() -> service.stop("ivy", bot.uuid(), "wrong")).isInstanceOf(WrongPasswordException.class)
                .hasMessage("Incorrect recovery password for 3Bot 'mybot'.");
        assertThatThrownBy(() -> service.start("ivy", bot.uuid(), PW, Optional.empty(), Progress.silent()))
                .isInstanceOf(InvalidStateException.class).hasMessageContaining("it is running; stop it first");
        assertThat(Internals.storedThreebots(deployer, "ivy").get(0).state()).isEqualTo(ThreebotState.RUNNING);
        assertThat(live(bot)).hasSizeGreaterThanOrEqualTo(3);

        service.stop("ivy", bot.uuid(), PW);
        assertThatThrownBy(() -> service.stop("ivy", bot.uuid(), PW)).isInstanceOf(InvalidStateException.class)
                .hasMessageContaining("it is stopped already");
    }

    @Test
    void passwordGuessingIsCutOff() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        for (int i = 0; i < 5; i++) {
            assertThatThrownBy(() -> service.stop("ivy", bot.uuid(), "guess"))
                    .isInstanceOf(WrongPasswordException.class);
        }
        assertThatThrownBy(() -> service.stop("ivy", bot.uuid(), PW)).isInstanceOf(TooManyAttemptsException.class)
                .hasMessageContaining("Too many wrong recovery passwords")
                .satisfies(e -> assertThat(((TooManyAttemptsException) e).retryAfter()).hasValueSatisfying(
                        d -> assertThat(d).isPositive()));
        assertThat(Internals.storedThreebots(deployer, "ivy").get(0).state()).isEqualTo(ThreebotState.RUNNING);
    }

    @Test
    void aWorkloadThatWillNotGoAwayInTimeLeavesTheStateAsItWas() {
        Threebot bot = deploy("ivy", "mybot", Map.of());
        world.grid.deployDelay(Duration.ofHours(1));
        assertThatThrownBy(() -> service.stop("ivy", bot.uuid(), PW)).isInstanceOf(OperationTimeoutException.class)
                .hasMessageContaining("not removed in time").hasMessageContaining("It stays RUNNING");
        assertThat(Internals.storedThreebots(deployer, "ivy").get(0).state()).isEqualTo(ThreebotState.RUNNING);
    }

    @Test
    void termsAreAcceptedPerOwnerAndRequiredWhenConfigured() {
        assertThat(deployer.terms().allowed("ivy")).isFalse();
        assertThat(deployer.terms().accept("ivy")).isTrue();
        assertThat(deployer.terms().accept("ivy")).isFalse();
        assertThat(deployer.terms().allowed("ivy")).isTrue();
        try (ThreebotDeployer strict = world.deployer(TestWorld.fastSettings().requireTerms(true).build())) {
            assertThat(ChatDriver.start(strict, "jack").runToEnd(Map.of()).payload().msg())
                    .contains("accept the terms");
            assertThat(ChatDriver.start(strict, "ivy").runToEnd(Map.of()).category()).isEqualTo(Category.END);
        }
    }

    @Test
    void theMaintenanceChatsRunTheSameOperations() {
        Threebot bot = deploy("ivy", "mybot", Map.of("policy", "Farm", "farm", "freefarm"));
        ChatDriver chat = ChatDriver.startFlow(deployer, "ivy", Flow.CHANGE_SIZE);
        assertThat(chat.current().options()).containsExactly("mybot");
        chat.answer("threebot", "mybot");
        assertThat(chat.answer("password", "wrong").validationError()).contains(
                "Incorrect recovery password for 3Bot 'mybot'.");
        var last = chat.runToEnd(Map.of("password", PW, "flavor",
                "Platinum (CPU 4 - Memory 8 GB - Disk 8 GB [SSD])", "days", "1"));
        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        assertThat(Internals.storedThreebots(deployer, "ivy")).singleElement()
                .satisfies(t -> assertThat(t.flavor()).isEqualTo(Flavor.PLATINUM));
        assertThat(chat.seen()).anyMatch(m -> m.payload().msg().contains("is RUNNING at <https://"));

        ChatDriver extend = ChatDriver.startFlow(deployer, "ivy", Flow.EXTEND);
        assertThat(extend.runToEnd(Map.of("threebot", "mybot", "password", PW, "days", "5")).category())
                .isEqualTo(Category.END);
        assertThat(bot.poolId()).isPositive();
    }

    private GridIdentity deployerIdentity(Threebot bot) {
        return new io.threebot.deployer.internal.deploy.IdentityService(world.grid,
                TestWorld.fastSettings().build().keyDerivation()).registered(bot.identityName(), PW);
    }
}
