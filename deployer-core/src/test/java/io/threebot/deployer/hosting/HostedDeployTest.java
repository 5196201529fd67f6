package io.threebot.deployer.hosting;

import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.Flow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Internals;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.errors.InvalidInputException;
import java.time.Instant;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.grid.GridUnavailableException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.InMemoryHosting;
import io.threebot.deployer.testing.TestWorld;
import io.threebot.deployer.config.DeployerSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The deployer on a grid that hosts whole 3Bots ({@code hosting(...)}, as TFGrid v3 does), driven through its public
 * API: the same chat deploys there, its account is funded once with what the user paid, "My 3Bots" reads its state
 * from there, destroy cancels its contracts, a failed deploy cancels what it made and refunds the user, and a
 * deployer stopped in the middle resumes without paying or creating anything twice.
 */
class HostedDeployTest {
    private static final Secret PASSWORD = Secret.of("correct horse");
    @TempDir
    Path dataDirectory;

    private final InMemoryHosting hosting = new InMemoryHosting();

    private ThreebotDeployer deployer(TestWorld world) {
        return world.builder(TestWorld.fastSettings().build()).hosting(hosting).reachability(hosting.probe())
                .build().start();
    }

    /** The owner's 3Bot, deployed through the chat in freefarm for 3 days; its id. */
    private static String deployedInFreefarm(ThreebotDeployer deployer, String owner) {
        ChatDriver.start(deployer, owner).runToEnd(Map.of("days", "3", "policy", "Farm", "farm", "freefarm"));
        return deployer.forOwner(owner).threebots().get(0).uuid();
    }

    @Test
    void theChatDeploysOnTheHostingGridAndFundsThe3BotsAccountWithWhatTheUserPaid() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            ChatDriver chat = ChatDriver.start(deployer, "alice");
            ChatMessage last = chat.runToEnd(Map.of("days", "3"));

            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            Threebot bot = Internals.storedThreebots(deployer, "alice").get(0);
            assertThat(bot.domain()).isEqualTo("mybot.gent01.test.grid.tf");
            assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(bot.workloadIds()).isEmpty();
            assertThat(bot.farmName()).isIn("freefarm", "torontofarm");
            // the user paid the hosting grid's quote plus the fee; the account got the quote, once
            long quote = hosting.quote(Flavor.SILVER, Duration.ofDays(3));
            long fee = DeployerSettings.defaults().billing().feeStroops();
            assertThat(world.ledger.demands()).singleElement()
                    .satisfies(d -> assertThat(d.amountStroops()).isEqualTo(quote + fee));
            assertThat(hosting.topUps()).containsExactly(quote);
            // every step's contract, one each; nothing on the explorer grid, not even an identity
            assertThat(hosting.contracts()).hasSize(InMemoryHosting.STEPS.size()).noneMatch(c -> c.cancelled());
            assertThat(world.grid.findUser("alice_mybot")).isEmpty();
            assertThat(world.payments.receipts()).isEmpty();
            // the user saw the grid's own progress and got the network's configuration from the plan
            assertThat(chat.seen()).anyMatch(m -> m.busy() && m.payload().msg().contains("Created the vm contract"));
            assertThat(chat.seen()).anyMatch(m -> m.busy() && m.payload().msg().contains("funded with"));
            assertThat(chat.seen().stream().filter(m -> m.category() == Category.DOWNLOAD_FILE).findFirst()
                    .orElseThrow().payload().kwargs().get("data").toString()).startsWith("[Interface]");
            assertThat(world.store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                    .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.SUCCEEDED));
            assertThat(deployer.forOwner("alice").payment(String.valueOf(chat.seen().stream()
                    .filter(m -> m.payload().kwargs().containsKey("payment_id")).findFirst().orElseThrow()
                    .payload().kwargs().get("payment_id"))).status()).isEqualTo(PaymentStatus.SETTLED);
        }
    }

    @Test
    void myThreebotsShowsTheHostingGridsStateTimeLeftAndAGracePeriodOrDeletionForFunds() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            ChatDriver.start(deployer, "bob").runToEnd(Map.of("days", "2"));
            OwnerDeployer bob = deployer.forOwner("bob");
            ThreebotView view = bob.threebots().get(0);
            assertThat(view.state()).isEqualTo(ThreebotState.RUNNING);
            // before the grid billed it, the time left is what the balance buys at the quoted price
            assertThat(view.poolTimeLeft()).hasValueSatisfying(left -> assertThat(left)
                    .isBetween(Duration.ofHours(47), Duration.ofHours(49)));
            assertThat(view.gridNote()).isEmpty();

            hosting.billAt(InMemoryHosting.SILVER_PER_DAY / 12); // twice the quoted price: a day left
            assertThat(bob.threebots().get(0).poolTimeLeft()).hasValueSatisfying(left -> assertThat(left)
                    .isBetween(Duration.ofHours(23), Duration.ofHours(25)));

            String account = hosting.contracts().get(0).account();
            hosting.force(account, HostingStatus.State.GRACE_PERIOD);
            ThreebotView paused = bob.threebots().get(0);
            assertThat(paused.state()).isEqualTo(ThreebotState.ERROR);
            assertThat(paused.gridNote()).hasValueSatisfying(n -> assertThat(n).contains("ran out of funds"));

            hosting.force(account, HostingStatus.State.GONE);
            ThreebotView deleted = bob.threebots().get(0);
            assertThat(deleted.state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(deleted.gridNote()).hasValueSatisfying(n -> assertThat(n).contains("deleted it for lack "
                    + "of funds"));
        }
    }

    @Test
    void stopStartRestartAndExtendRunOnTheHostingGridAndDestroyCancelsEveryContract() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            ChatDriver.start(deployer, "carol").runToEnd(Map.of("days", "3"));
            OwnerDeployer carol = deployer.forOwner("carol");
            String uuid = carol.threebots().get(0).uuid();
            String account = hosting.contracts().get(0).account();

            // a stop cancels what the capacity is billed for and keeps the name; the list shows it stopped
            assertThat(carol.stop(uuid, PASSWORD).state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(hosting.live(account)).extracting(InMemoryHosting.Contract::step).containsExactly("name");
            assertThat(carol.threebots().get(0).state()).isEqualTo(ThreebotState.STOPPED);

            // a start deploys the plan again from the account's funds, under the same name contract
            assertThat(carol.start(uuid, PASSWORD, Optional.empty(), m -> { }).state())
                    .isEqualTo(ThreebotState.RUNNING);
            assertThat(hosting.live(account)).extracting(InMemoryHosting.Contract::step)
                    .containsExactlyInAnyOrderElementsOf(InMemoryHosting.STEPS);
            assertThat(hosting.contracts()).filteredOn(c -> c.step().equals("name")).hasSize(1);
            assertThat(carol.restart(uuid, PASSWORD, Optional.empty(), m -> { }).state())
                    .isEqualTo(ThreebotState.RUNNING);
            assertThat(hosting.contracts()).filteredOn(c -> c.step().equals("vm")).hasSize(3)
                    .filteredOn(c -> !c.cancelled()).hasSize(1);
            assertThat(carol.threebots().get(0).state()).isEqualTo(ThreebotState.RUNNING);

            // an extension tops the account up with what the user paid for the days, once
            String payment = carol.requestPayment(uuid, Purchase.extend(5)).id();
            ThreebotView extended = carol.extend(uuid, PASSWORD, payment, m -> { });
            assertThat(hosting.topUps()).containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(3)),
                    hosting.quote(Flavor.SILVER, Duration.ofDays(5)));
            assertThat(extended.expiresAt()).hasValueSatisfying(at -> assertThat(at)
                    .isAfter(Instant.now().plus(Duration.ofDays(7))));
            assertThat(carol.payment(payment).status()).isEqualTo(PaymentStatus.SETTLED);

            // a start buys no days on this grid: one given a payment is refused before anything is bought
            assertThatThrownBy(() -> carol.start(uuid, PASSWORD, Optional.of(payment), m -> { }))
                    .isInstanceOf(InvalidInputException.class).hasMessageContaining("extend the 3Bot");
            assertThat(carol.wireGuardConfig(uuid, PASSWORD)).startsWith("[Interface]");

            long held = hosting.balance(account);
            assertThat(held).isPositive();
            ThreebotView destroyed = carol.destroy(uuid, PASSWORD);
            assertThat(destroyed.state()).isEqualTo(ThreebotState.DELETED);
            assertThat(hosting.contracts()).allMatch(c -> c.cancelled());
            // what the account held goes back to the operator, less the transfer's fee; nothing is left on it
            assertThat(hosting.reclaimed()).containsExactly(held - InMemoryHosting.TRANSFER_FEE);
            assertThat(hosting.balance(account)).isZero();
            assertThat(carol.threebots().get(0).state()).isEqualTo(ThreebotState.DELETED);
        }
    }

    @Test
    void aStartOrRestartWhoseVmTheGridPlacedOnAnotherNodeShowsThatNodeAndItsFarm() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            deployedInFreefarm(deployer, "kate");
            OwnerDeployer kate = deployer.forOwner("kate");
            ThreebotView deployed = kate.threebots().get(0);
            String uuid = deployed.uuid();
            assertThat(deployed.nodeId()).isEqualTo("11");
            kate.stop(uuid, PASSWORD);

            // the planned node refuses the VM; the grid places it on another node of the same farm
            hosting.placeElsewhereOnNextDeploy("12");
            List<String> seen = new CopyOnWriteArrayList<>();
            ThreebotView started = kate.start(uuid, PASSWORD, Optional.empty(), seen::add);
            assertThat(seen).anyMatch(m -> m.contains("placed again on node 12"));
            assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(started).extracting(ThreebotView::nodeId, ThreebotView::farmName, ThreebotView::continent)
                    .containsExactly("12", "freefarm", "Europe");
            assertThat(kate.threebots().get(0).nodeId()).isEqualTo("12");

            // a restart placed on a node of another farm: the record names that farm and its continent
            hosting.placeElsewhereOnNextDeploy("21");
            ThreebotView restarted = kate.restart(uuid, PASSWORD, Optional.empty(), m -> { });
            assertThat(restarted).extracting(ThreebotView::nodeId, ThreebotView::farmName, ThreebotView::continent)
                    .containsExactly("21", "torontofarm", "North America");
            assertThat(Internals.storedThreebots(deployer, "kate")).singleElement()
                    .satisfies(t -> assertThat(t.farmId()).isEqualTo(2));

            // the next restart deploys the plan the grid returned, on that node, and the record stays there
            kate.restart(uuid, PASSWORD, Optional.empty(), m -> { });
            assertThat(kate.threebots().get(0)).extracting(ThreebotView::nodeId, ThreebotView::farmName,
                    ThreebotView::state).containsExactly("21", "torontofarm", ThreebotState.RUNNING);
        }
    }

    @Test
    void theRestartChatBuysItsDaysAsAnExtensionAndTheMoveChatOffersTheHostingGridsFarms() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            String uuid = deployedInFreefarm(deployer, "iris");
            OwnerDeployer iris = deployer.forOwner("iris");
            iris.stop(uuid, PASSWORD);

            // a restart buys no days here: the chat asks for them as an extension, tops the account up, then starts
            ChatDriver restart = ChatDriver.startFlow(deployer, "iris", Flow.RESTART);
            ChatMessage last = restart.runToEnd(Map.of("threebot", "mybot", "password", PASSWORD.value(), "days",
                    "2"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            String paid = restart.seen().stream().filter(m -> m.category() == Category.QRCODE_SHOW).findFirst()
                    .map(m -> String.valueOf(m.payload().kwargs().get("payment_id"))).orElseThrow();
            assertThat(iris.payment(paid)).extracting(UserPayment::kind, UserPayment::status)
                    .containsExactly(PurchaseKind.EXTEND, PaymentStatus.SETTLED);
            assertThat(hosting.topUps()).containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(3)),
                    hosting.quote(Flavor.SILVER, Duration.ofDays(2)));
            assertThat(iris.threebots().get(0).state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(world.ledger.refunds()).isEmpty();

            // the move chat offers the hosting grid's farms, not the explorer grid's
            ChatDriver move = ChatDriver.startFlow(deployer, "iris", Flow.CHANGE_LOCATION);
            ChatMessage farms = move.answerUntil("farm", Map.of("threebot", "mybot", "password", PASSWORD.value(),
                    "policy", "Farm"));
            assertThat(farms.options()).containsExactlyInAnyOrder("freefarm", "torontofarm");
            last = move.runToEnd(Map.of("farm", "torontofarm"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(iris.threebots().get(0).farmName()).isEqualTo("torontofarm");
        }
    }

    /** The keys of the questions the chat asked, in order. */
    private static List<String> asked(ChatDriver chat) {
        return chat.seen().stream().filter(m -> m.category().asks()).map(m -> m.questionKey().orElse(""))
                .distinct().toList();
    }

    @Test
    void theMoveChatAsksNoDaysWhileTheAccountPaysForTheMoveAndAtLeastOneOnceItRunsDry() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            String uuid = deployedInFreefarm(deployer, "jo");
            OwnerDeployer jo = deployer.forOwner("jo");
            long fee = DeployerSettings.defaults().billing().feeStroops();
            long deploy = hosting.quote(Flavor.SILVER, Duration.ofDays(3)) + fee;

            // the account holds 3 days: the move runs on it, with no days asked, no payment shown, nothing paid
            ChatDriver move = ChatDriver.startFlow(deployer, "jo", Flow.CHANGE_LOCATION);
            ChatMessage last = move.runToEnd(Map.of("threebot", "mybot", "password", PASSWORD.value(), "policy",
                    "Farm", "farm", "torontofarm"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(asked(move)).doesNotContain("days", "payment");
            assertThat(move.seen()).noneMatch(m -> m.category() == Category.QRCODE_SHOW);
            assertThat(jo.threebots().get(0)).extracting(ThreebotView::farmName, ThreebotView::state)
                    .containsExactly("torontofarm", ThreebotState.RUNNING);
            assertThat(world.ledger.demands()).extracting(d -> d.amountStroops()).containsExactly(deploy);
            assertThat(hosting.topUps()).containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(3)));

            // the grid bills faster: the 3 days' money lasts 45 minutes, so a move needs at least a day paid for
            hosting.billAt(InMemoryHosting.SILVER_PER_DAY * 100);
            assertThatThrownBy(() -> jo.changeLocation(uuid, PASSWORD, LocationPolicy.farm("freefarm"),
                    Optional.empty(), m -> { })).isInstanceOf(PaymentRequiredException.class)
                    .hasMessage("The account of 3Bot 'mybot' on the test grid pays for less than an hour more: pay for "
                            + "at least 1 day to move it.");
            ChatDriver back = ChatDriver.startFlow(deployer, "jo", Flow.CHANGE_LOCATION);
            ChatMessage days = back.answerUntil("days", Map.of("threebot", "mybot", "password", PASSWORD.value(),
                    "policy", "Farm", "farm", "freefarm"));
            assertThat(days.payload().msg()).isEqualTo("Your 3Bot's account pays for less than an hour more: buy at "
                    + "least 1 day to move it (up to " + DeployerSettings.defaults().billing().maxDaysPerPurchase()
                    + ")");
            assertThat(jo.answer(back.sessionId(), "0").validationError())
                    .contains("The account runs dry: buy at least 1 day.");
            last = back.runToEnd(Map.of("days", "2"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(asked(back)).containsSubsequence("farm", "days", "payment");
            ChatMessage shown = back.seen().stream().filter(m -> m.category() == Category.QRCODE_SHOW).findFirst()
                    .orElseThrow();
            UserPayment paid = jo.payment(String.valueOf(shown.payload().kwargs().get("payment_id")));
            long cost = hosting.quote(Flavor.SILVER, Duration.ofDays(2));
            assertThat(paid).extracting(UserPayment::kind, UserPayment::days, UserPayment::amountStroops,
                    UserPayment::status).containsExactly(PurchaseKind.CHANGE_LOCATION, 2, cost + fee,
                    PaymentStatus.SETTLED);
            assertThat(shown.payload().kwargs().get("amount")).isEqualTo(paid.amountText());
            // what the step said, paid once; the days bought topped the account up
            assertThat(world.ledger.demands()).extracting(d -> d.amountStroops()).containsExactly(deploy, cost + fee);
            assertThat(hosting.topUps()).containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(3)), cost);
            assertThat(jo.threebots().get(0).farmName()).isEqualTo("freefarm");
            assertThat(world.ledger.refunds()).isEmpty();
        }
    }

    @Test
    void aMoveChatWhoseGridCannotSayWhetherTheAccountPaysAsksForDaysAndMovesOncePaid() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            deployedInFreefarm(deployer, "kai");
            OwnerDeployer kai = deployer.forOwner("kai");
            long fee = DeployerSettings.defaults().billing().feeStroops();

            // the grid cannot say what the account holds: the chat asks for days instead of ending in an error
            hosting.failFunding(new GridUnavailableException("the chain did not answer"));
            ChatDriver move = ChatDriver.startFlow(deployer, "kai", Flow.CHANGE_LOCATION);
            ChatMessage days = move.answerUntil("days", Map.of("threebot", "mybot", "password", PASSWORD.value(),
                    "policy", "Farm", "farm", "torontofarm"));
            assertThat(days.payload().msg()).startsWith("Your 3Bot's account pays for less than an hour more: buy at "
                    + "least 1 day to move it");
            hosting.clearFaults();
            ChatMessage last = move.runToEnd(Map.of("days", "1"));

            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            long cost = hosting.quote(Flavor.SILVER, Duration.ofDays(1));
            assertThat(world.ledger.demands()).extracting(d -> d.amountStroops())
                    .containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(3)) + fee, cost + fee);
            assertThat(hosting.topUps()).containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(3)), cost);
            assertThat(kai.threebots().get(0)).extracting(ThreebotView::farmName, ThreebotView::state)
                    .containsExactly("torontofarm", ThreebotState.RUNNING);
            assertThat(world.ledger.refunds()).isEmpty();
        }
    }

    @Test
    void aResizeAndAMoveChangeTheRunning3BotInPlaceAndAFailedOneRefundsTheUserWithTheOldVmRunning() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            String uuid = deployedInFreefarm(deployer, "hank");
            OwnerDeployer hank = deployer.forOwner("hank");
            String account = hosting.contracts().get(0).account();

            // a resize: the days bought at the new size top the account up once the new VM replaced the old one
            String resize = hank.requestPayment(uuid, Purchase.changeSize(Flavor.GOLD, 2)).id();
            ThreebotView gold = hank.changeSize(uuid, PASSWORD, Flavor.GOLD, Optional.of(resize), m -> { });
            assertThat(gold.flavor()).isEqualTo(Flavor.GOLD);
            assertThat(gold.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(gold.uuid()).as("the same 3Bot, changed in place").isEqualTo(uuid);
            assertThat(hosting.topUps()).endsWith(hosting.quote(Flavor.GOLD, Duration.ofDays(2)));
            assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(1);
            assertThat(hosting.contracts()).filteredOn(c -> c.step().equals("vm")).hasSize(2);
            assertThat(hank.payment(resize).status()).isEqualTo(PaymentStatus.SETTLED);

            // a move to another farm keeps the address
            String move = hank.requestPayment(uuid, Purchase.changeLocation(1)).id();
            ThreebotView moved = hank.changeLocation(uuid, PASSWORD, LocationPolicy.farm("torontofarm"),
                    Optional.of(move), m -> { });
            assertThat(moved.farmName()).isEqualTo("torontofarm");
            assertThat(moved.continent()).isEqualTo("North America");
            assertThat(moved.nodeId()).isEqualTo("22");
            assertThat(moved.domain()).isEqualTo(gold.domain());
            assertThat(hank.threebots().get(0).state()).isEqualTo(ThreebotState.RUNNING);

            // a change that fails leaves the old VM running and gives the user all they paid back
            hosting.failAt("vm");
            String failing = hank.requestPayment(uuid, Purchase.changeSize(Flavor.PLATINUM, 1)).id();
            int topUps = hosting.topUps().size();
            assertThatThrownBy(() -> hank.changeSize(uuid, PASSWORD, Flavor.PLATINUM, Optional.of(failing),
                    m -> { })).isInstanceOf(io.threebot.deployer.errors.DeployerException.class)
                    .hasMessageContaining("the new vm did not come up");
            assertThat(hank.payment(failing).status()).isEqualTo(PaymentStatus.REFUNDED);
            assertThat(hosting.topUps()).hasSize(topUps);
            assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(1);
            assertThat(hank.threebots().get(0).flavor()).isEqualTo(Flavor.GOLD);

            assertThatThrownBy(() -> hank.requestPayment(uuid, Purchase.start(2)))
                    .isInstanceOf(InvalidStateException.class).hasMessageContaining("extend the 3Bot instead");
        }
    }

    @Test
    void aResizeWhoseNewVmTheGridPlacedOnAnotherNodeShowsThatNodeAndResumesFromItsSealedJournal() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            String uuid = deployedInFreefarm(deployer, "lena");
            OwnerDeployer lena = deployer.forOwner("lena");
            String resize = lena.requestPayment(uuid, Purchase.changeSize(Flavor.GOLD, 2)).id();

            // the grid puts the new VM on node 12 (node 11 has no room), then the store fails before it ends
            hosting.placeElsewhereOnNextChange("12");
            hosting.failNextChangeAfterJournal(new StoreUnavailableException("the store is down", null));
            assertThatThrownBy(() -> lena.changeSize(uuid, PASSWORD, Flavor.GOLD, Optional.of(resize), m -> { }))
                    .hasMessageContaining("the store is down");
            UserPayment held = lena.payment(resize);
            assertThat(held.status()).isEqualTo(PaymentStatus.IN_USE);
            String journal = world.store.get(DeploymentJournal.KIND, held.operationId(), DeploymentJournal.class)
                    .orElseThrow().value().toString();
            assertThat(journal).as("the change's journal is kept sealed").doesNotContain("placed:12");

            // run again with the same payment: the change is given what it journaled and makes no VM twice
            List<String> seen = new CopyOnWriteArrayList<>();
            ThreebotView gold = lena.changeSize(uuid, PASSWORD, Flavor.GOLD, Optional.of(resize), seen::add);
            List<String> given = hosting.changesJournaled().get(hosting.changesJournaled().size() - 1);
            assertThat(given).hasSize(2).first().isEqualTo("placed:12");
            assertThat(given.get(1)).startsWith("vm:");
            assertThat(hosting.contracts()).filteredOn(c -> c.step().equals("vm")).hasSize(2);
            assertThat(gold).extracting(ThreebotView::nodeId, ThreebotView::farmName, ThreebotView::flavor,
                    ThreebotView::state).containsExactly("12", "freefarm", Flavor.GOLD, ThreebotState.RUNNING);
            assertThat(lena.threebots().get(0).nodeId()).isEqualTo("12");
            assertThat(lena.payment(resize).status()).isEqualTo(PaymentStatus.SETTLED);
            assertThat(world.ledger.refunds()).isEmpty();
        }
    }

    @Test
    void anUnpaidMoveCutAfterItsJournalResumesUnderItsIdWhenCalledAgainOrSweptAndMakesNoVmTwice() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            String uuid = deployedInFreefarm(deployer, "kim");
            OwnerDeployer kim = deployer.forOwner("kim");
            String account = hosting.contracts().get(0).account();

            // the account pays for the move (no payment); the store fails once the new VM is journaled
            hosting.failNextChangeAfterJournal(new StoreUnavailableException("the store is down", null));
            assertThatThrownBy(() -> kim.changeLocation(uuid, PASSWORD, LocationPolicy.farm("torontofarm"),
                    Optional.empty(), m -> { })).hasMessageContaining("the store is down");
            assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(2);
            assertThat(world.store.list("paid-operations", Object.class)).as("the move stays recorded").hasSize(1);

            // called again: the same operation resumes from its journal, and the old VM is cancelled
            ThreebotView moved = kim.changeLocation(uuid, PASSWORD, LocationPolicy.farm("torontofarm"),
                    Optional.empty(), m -> { });
            assertThat(hosting.changesJournaled().get(hosting.changesJournaled().size() - 1)).singleElement()
                    .satisfies(e -> assertThat(e).startsWith("vm:"));
            assertThat(moved.farmName()).isEqualTo("torontofarm");
            assertThat(hosting.contracts()).filteredOn(c -> c.step().equals("vm")).hasSize(2);
            assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(1);
            assertThat(world.store.list("paid-operations", Object.class)).isEmpty();

            // a resize that buys no days, cut the same way, is taken up by the stranded-operations sweep
            hosting.failNextChangeAfterJournal(new StoreUnavailableException("the store is down", null));
            assertThatThrownBy(() -> kim.changeSize(uuid, PASSWORD, Flavor.GOLD, Optional.empty(), m -> { }))
                    .hasMessageContaining("the store is down");
            assertThat(Internals.lifecycle(deployer).resumeStrandedOperations(Duration.ZERO)).isEqualTo(1);
            assertThat(hosting.changesJournaled().get(hosting.changesJournaled().size() - 1)).hasSize(1);
            assertThat(hosting.contracts()).filteredOn(c -> c.step().equals("vm")).hasSize(3);
            assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(1);
            assertThat(kim.threebots().get(0)).extracting(ThreebotView::flavor, ThreebotView::state)
                    .containsExactly(Flavor.GOLD, ThreebotState.RUNNING);
            assertThat(world.store.list("paid-operations", Object.class)).isEmpty();
            assertThat(world.store.list(DeploymentJournal.KIND, DeploymentJournal.class))
                    .filteredOn(j -> !j.value().outcome().equals(DeploymentJournal.Outcome.SUCCEEDED)).isEmpty();
            assertThat(world.ledger.demands()).hasSize(1);
        }
    }

    @Test
    void anUnpaidMoveTheChatRanIsResumedByTheChatTakenOverAfterTheDeployerStopped() throws Exception {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        String session;
        String account;
        try (ThreebotDeployer first = deployer(world)) {
            deployedInFreefarm(first, "lou");
            account = hosting.contracts().get(0).account();
            var blocked = hosting.blockAt("changed");
            OwnerDeployer lou = first.forOwner("lou");
            ChatMessage m = lou.startChat(Flow.CHANGE_LOCATION);
            session = m.sessionId();
            Map<String, String> answers = Map.of("threebot", "mybot", "password", PASSWORD.value(), "policy",
                    "Farm", "farm", "torontofarm");
            for (int guard = 0; blocked.getCount() > 0 && guard < 200; guard++) {
                if (m.busy()) {
                    m = lou.awaitNext(session, Duration.ofMillis(100));
                } else {
                    String key = m.questionKey().orElseThrow(AssertionError::new);
                    m = lou.answer(session, answers.getOrDefault(key, ChatDriver.DEFAULTS.getOrDefault(key, "")));
                }
            }
            assertThat(blocked.await(20, TimeUnit.SECONDS)).as("the move journaled its new VM").isTrue();
        }
        assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(2);

        hosting.clearFaults();
        try (ThreebotDeployer second = deployer(world)) {
            ChatMessage last = ChatDriver.resume(second, "lou", session).runToEnd(Map.of());
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertThat(second.forOwner("lou").threebots().get(0).farmName()).isEqualTo("torontofarm");
            assertThat(world.store.list("paid-operations", Object.class)).isEmpty();
        }
        assertThat(hosting.changesJournaled().get(hosting.changesJournaled().size() - 1)).singleElement()
                .satisfies(e -> assertThat(e).startsWith("vm:"));
        assertThat(hosting.contracts()).as("no VM made twice").filteredOn(c -> c.step().equals("vm")).hasSize(2);
        assertThat(hosting.live(account)).filteredOn(c -> c.step().equals("vm")).hasSize(1);
    }

    @Test
    void autoRenewAsksTheOwnerBeforeTheBalanceRunsOutAndTopsTheAccountUpOncePaid() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            ChatDriver.start(deployer, "ivy").runToEnd(Map.of("days", "1"));
            OwnerDeployer ivy = deployer.forOwner("ivy");
            String uuid = ivy.threebots().get(0).uuid();
            ivy.autoRenew(uuid, PASSWORD, 5);

            // a day's balance is within the expiry warning: the owner is asked for 5 days, the ledger pays at once
            io.threebot.deployer.model.ExpiryNotice notice = deployer.checkExpiry().get(0);
            assertThat(notice.expiry()).isEqualTo(io.threebot.deployer.model.Expiry.EXPIRES_SOON);
            String request = notice.renewalPayment().orElseThrow();
            assertThat(ivy.payment(request).status()).isEqualTo(PaymentStatus.SETTLED);
            assertThat(hosting.topUps()).containsExactly(hosting.quote(Flavor.SILVER, Duration.ofDays(1)),
                    hosting.quote(Flavor.SILVER, Duration.ofDays(5)));
            assertThat(ivy.threebots().get(0).poolTimeLeft()).hasValueSatisfying(left -> assertThat(left)
                    .isGreaterThan(Duration.ofDays(5)));
        }
    }

    @Test
    void aStartIsRefusedWhenTheAccountPaysForLessThanAnHour() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = deployer(world)) {
            ChatDriver.start(deployer, "gina").runToEnd(Map.of("days", "1"));
            OwnerDeployer gina = deployer.forOwner("gina");
            String uuid = gina.threebots().get(0).uuid();
            gina.stop(uuid, PASSWORD);
            hosting.billAt(InMemoryHosting.SILVER_PER_DAY * 100); // a day's money lasts 15 minutes now

            assertThatThrownBy(() -> gina.start(uuid, PASSWORD, Optional.empty(), m -> { }))
                    .isInstanceOf(PaymentRequiredException.class).hasMessageContaining("extend it to start it");
            assertThat(gina.threebots().get(0).state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(hosting.live(hosting.contracts().get(0).account())).extracting(InMemoryHosting.Contract::step)
                    .containsExactly("name");
        }
    }

    @Test
    void aFailedDeployCancelsWhatItMadeAndRefundsTheUserInFull() {
        TestWorld world = TestWorld.sample();
        hosting.failAt("name");
        try (ThreebotDeployer deployer = deployer(world)) {
            ChatMessage last = ChatDriver.start(deployer, "dave").runToEnd(Map.of());

            assertThat(last.category()).isEqualTo(Category.ERROR);
            assertThat(last.payload().msg()).contains("could not be deployed").contains("name did not come up")
                    .contains("refunded in full");
            assertThat(hosting.contracts()).isNotEmpty().allMatch(c -> c.cancelled());
            // the account's capacity money went back to the operator, and the user got all they paid
            assertThat(hosting.reclaimed()).containsExactly(hosting.topUps().get(0) - InMemoryHosting.TRANSFER_FEE);
            assertThat(world.ledger.refunds()).singleElement().satisfies(r -> assertThat(r.amountStroops())
                    .isEqualTo(world.ledger.demands().get(0).amountStroops()));
            assertThat(Internals.storedThreebots(deployer, "dave")).isEmpty();
            assertThat(world.store.list(DeploymentJournal.KIND, DeploymentJournal.class)).singleElement()
                    .satisfies(j -> assertThat(j.value().outcome()).isEqualTo(DeploymentJournal.Outcome.COMPENSATED));
        }
    }

    @Test
    void aDeployerStoppedInTheMiddleResumesWithoutPayingOrCreatingAContractTwice() throws Exception {
        TestWorld world = TestWorld.sampleWithFiles(dataDirectory);
        String sessionId;
        var blocked = hosting.blockAt("name");
        try (ThreebotDeployer first = deployer(world)) {
            ChatDriver chat = ChatDriver.start(first, "erin");
            chat.answerUntil("payment", Map.of());
            assertThat(first.forOwner("erin").answer(chat.sessionId(), "").busy()).isTrue();
            sessionId = chat.sessionId();
            assertThat(blocked.await(20, TimeUnit.SECONDS)).as("the deploy reached the name step").isTrue();
        }
        assertThat(hosting.topUps()).hasSize(1);
        assertThat(hosting.contracts()).extracting(InMemoryHosting.Contract::step).containsExactly("network", "vm");

        hosting.clearFaults();
        try (ThreebotDeployer second = deployer(world)) {
            assertThat(second.resumedSessions()).isEqualTo(1);
            ChatMessage last = ChatDriver.resume(second, "erin", sessionId).runToEnd(Map.of());
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            List<Threebot> bots = Internals.storedThreebots(second, "erin");
            assertThat(bots).singleElement().satisfies(b -> assertThat(b.state()).isEqualTo(ThreebotState.RUNNING));
        }
        assertThat(hosting.topUps()).as("the account was funded once").hasSize(1);
        assertThat(hosting.contracts()).extracting(InMemoryHosting.Contract::step)
                .containsExactlyInAnyOrderElementsOf(InMemoryHosting.STEPS);
        assertThat(world.ledger.refunds()).isEmpty();
    }
}
