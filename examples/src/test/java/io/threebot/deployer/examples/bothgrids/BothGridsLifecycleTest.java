package io.threebot.deployer.examples.bothgrids;

import static io.threebot.deployer.examples.bothgrids.BothGrids.PASSWORD;
import static io.threebot.deployer.examples.bothgrids.BothGrids.listed;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.examples.bothgrids.BothGrids.Grid;
import io.threebot.deployer.examples.v3grid.Contract;
import io.threebot.deployer.lifecycle.InvalidStateException;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.spi.PaymentDemand;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * What an owner does with a deployed 3Bot behaves the same on the embedded simulated explorer grid and on a local
 * TFGrid v3, through {@link OwnerDeployer} and the maintenance chats: stop (nothing left running or billed for its
 * capacity) and start, restart, resize and move (the old machine gone), extend (the days paid for added, by the
 * grid's own clock), the expiry notice with auto-renew and without, and what the owner sees once the grid took the
 * 3Bot away for lack of funds. Every test checks the money: what the user was asked for, once each, and no refund.
 *
 * <p>Where the grids differ by design, each grid's documented behaviour is asserted: on TFGrid v3 a start or restart
 * buys no days (a payment request for one is refused, nothing bought: an extension tops up the 3Bot's account
 * instead, and the restart chat buys its days as one), a stopped 3Bot keeps its twin and its name contract, a move
 * is paid from the 3Bot's account (the move chat asks for no days), and a 3Bot that ran out of funds is first paused
 * for a grace period (listed as ERROR with a note) before the grid deletes it; on the explorer grid a start can buy
 * days for the pool, a move buys a new pool, and a pool that ran dry has its workloads removed at once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BothGridsLifecycleTest {
    private static final Secret PW = Secret.of(PASSWORD);
    private static final int DAYS = 3;
    /** Long enough for a listing of a 3Bot that changes while it is read. */
    private static final Duration WAIT = Duration.ofSeconds(40);

    @TempDir
    Path dataDirectories;
    private BothGrids grids;

    @BeforeAll
    void start() throws Exception {
        grids = BothGrids.start(SimulatedWorld.fastSettings().readinessTimeout(Duration.ofSeconds(20)).build(), 40);
    }

    @AfterAll
    void stop() {
        if (grids != null) {
            grids.close();
        }
    }

    private long fee() {
        return grids.settings().billing().feeStroops();
    }

    /** Deploys {@code name} for {@code owner} through the chat, for {@code days}, and returns it as listed. */
    private static ThreebotView deployed(ThreebotDeployer deployer, String owner, String name, int days,
                                         Map<String, String> more) {
        ChatMessage last = BothGrids.deploy(deployer, owner, name, days, more);
        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        ThreebotView bot = listed(deployer.forOwner(owner), name);
        assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
        return bot;
    }

    private static boolean reachable(GridWorld world, ThreebotView bot) {
        return world.probe().isReachable(URI.create(bot.url()), Duration.ofSeconds(2));
    }

    /** A payment request for the purchase; the ledger's user pays it at once. */
    private static String paid(OwnerDeployer owner, ThreebotView bot, Purchase purchase) {
        return owner.requestPayment(bot.uuid(), purchase).id();
    }

    /** Runs a maintenance chat for the 3Bot to its end, answering from {@code answers}. */
    private static ChatDriver chat(ThreebotDeployer deployer, String owner, Flow flow, String name,
                                   Map<String, String> answers) {
        ChatDriver chat = ChatDriver.startFlow(deployer, owner, flow);
        Map<String, String> all = new java.util.HashMap<>(answers);
        all.put("threebot", name);
        all.put("password", PASSWORD);
        ChatMessage last = chat.runToEnd(all);
        assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        return chat;
    }

    /** The chat showed the 3Bot running at its address at the end. */
    private static void assertDoneRunning(ChatDriver chat, ThreebotView bot) {
        assertThat(chat.seen()).anyMatch(m -> m.payload().msg().startsWith("3Bot **" + bot.name() + "** is RUNNING at <"
                + bot.url() + ">"));
    }

    /** The user was asked for exactly these amounts, in this order, paid each once, and got nothing back. */
    private static void assertPaidOnce(SimulatedLedger ledger, long... amounts) {
        assertThat(ledger.demands()).extracting(PaymentDemand::amountStroops)
                .containsExactly(java.util.Arrays.stream(amounts).boxed().toArray(Long[]::new));
        assertThat(ledger.netOf(SimulatedLedger.AUTO_PAYER)).isEqualTo(-java.util.Arrays.stream(amounts).sum());
        assertThat(ledger.refunds()).isEmpty();
    }

    /** Lists the owner's 3Bot of that name until it matches, for at most {@link #WAIT}. */
    private static ThreebotView awaitListed(OwnerDeployer owner, String name, Predicate<ThreebotView> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ThreebotView view = listed(owner, name);
            if (wanted.test(view)) {
                return view;
            }
            assertThat(System.nanoTime()).as("waited for the listing to change from " + view.state() + " "
                    + view.poolTimeLeft() + " " + view.gridNote()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static Duration left(ThreebotView view) {
        return view.poolTimeLeft().orElseThrow(() -> new AssertionError("the grid did not say the time left"));
    }

    @ParameterizedTest
    @EnumSource(Grid.class)
    void stopLeavesNothingRunningAndStartAndTheRestartChatBringItBack(Grid grid) throws Exception {
        GridWorld world = grids.world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = grids.newName("cycle");
        try (ThreebotDeployer deployer = grids.deployer(grid, ledger, dataDirectories)) {
            ThreebotView bot = deployed(deployer, "dana", name, DAYS, Map.of());
            OwnerDeployer dana = deployer.forOwner("dana");
            assertThat(world.machinesOf("dana", name, PASSWORD)).hasSize(1);

            ThreebotView stopped = dana.stop(bot.uuid(), PW);

            assertThat(stopped.state()).isEqualTo(ThreebotState.STOPPED);
            ThreebotView listedStopped = listed(dana, name);
            assertThat(listedStopped.state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(world.machinesOf("dana", name, PASSWORD)).as("machines left on the " + world).isEmpty();
            assertThat(reachable(world, bot)).isFalse();
            // what pays for the 3Bot stays: its pool, or its account's balance
            assertThat(left(listedStopped)).isGreaterThan(Duration.ofDays(DAYS - 1));
            if (grid == Grid.TFGRID_V3) {
                // nothing billed for capacity: only its name contract is left, its twin kept
                assertThat(grids.v3().twinOf("dana", name, PASSWORD)).isPresent();
                assertThat(grids.v3().contractsOf("dana", name, PASSWORD)).isNotEmpty()
                        .allSatisfy(c -> assertThat(c.type()).isEqualTo(Contract.Type.NAME));
            } else {
                assertThat(world.liveOf("dana", name, PASSWORD)).noneMatch(w -> w.startsWith("CONTAINER"));
            }

            // a start that buys days: the explorer grid adds them to the pool; TFGrid v3 refuses it, nothing bought
            Optional<String> startPayment;
            if (grid == Grid.TFGRID_V3) {
                assertThatThrownBy(() -> dana.requestPayment(bot.uuid(), Purchase.start(1)))
                        .isInstanceOf(InvalidStateException.class)
                        .hasMessage("On this grid a start buys no days: extend the 3Bot instead, then start it; "
                                + "nothing was bought.");
                startPayment = Optional.empty();
            } else {
                startPayment = Optional.of(paid(dana, bot, Purchase.start(1)));
            }
            ThreebotView started = dana.start(bot.uuid(), PW, startPayment, Progress.silent());

            assertThat(started.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(listed(dana, name).state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(reachable(world, started)).isTrue();
            assertThat(world.machinesOf("dana", name, PASSWORD)).hasSize(1);
            assertThat(dana.wireGuardConfig(started.uuid(), PW)).startsWith("[Interface]");

            List<String> before = world.machinesOf("dana", name, PASSWORD);
            ChatDriver restart = chat(deployer, "dana", Flow.RESTART, name, Map.of("days", "0"));

            ThreebotView restarted = listed(dana, name);
            assertDoneRunning(restart, restarted);
            assertThat(restarted.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(reachable(world, restarted)).isTrue();
            assertThat(world.machinesOf("dana", name, PASSWORD)).hasSize(1).doesNotContainAnyElementsOf(before);

            long deploy = world.quote(Flavor.SILVER, DAYS) + fee();
            if (grid == Grid.TFGRID_V3) {
                assertPaidOnce(ledger, deploy);
            } else {
                assertPaidOnce(ledger, deploy, world.quote(Flavor.SILVER, 1) + fee());
                assertThat(dana.payment(startPayment.orElseThrow()).status()).isEqualTo(PaymentStatus.SETTLED);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Grid.class)
    void aPaidResizeAndAMoveThroughTheChatRunTheBotElsewhereWithTheOldMachineGone(Grid grid) throws Exception {
        GridWorld world = grids.world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = grids.newName("grow");
        try (ThreebotDeployer deployer = grids.deployer(grid, ledger, dataDirectories)) {
            ThreebotView bot = deployed(deployer, "erin", name, DAYS, Map.of("policy", "Farm", "farm", "freefarm"));
            OwnerDeployer erin = deployer.forOwner("erin");
            List<String> silver = world.machinesOf("erin", name, PASSWORD);
            assertThat(silver).hasSize(1);
            Instant before = world.now();

            String resize = paid(erin, bot, Purchase.changeSize(Flavor.GOLD, 2));
            ThreebotView gold = erin.changeSize(bot.uuid(), PW, Flavor.GOLD, Optional.of(resize), Progress.silent());

            assertThat(gold.flavor()).isEqualTo(Flavor.GOLD);
            ThreebotView listedGold = listed(erin, name);
            assertThat(listedGold).extracting(ThreebotView::flavor, ThreebotView::state, ThreebotView::farmName)
                    .containsExactly(Flavor.GOLD, ThreebotState.RUNNING, "freefarm");
            assertThat(reachable(world, listedGold)).isTrue();
            assertThat(world.machinesOf("erin", name, PASSWORD)).hasSize(1).doesNotContainAnyElementsOf(silver);
            // what was left of the Silver days now runs a Gold 3Bot, which costs more a day, plus the 2 days paid
            Duration spent = Duration.between(before, world.now());
            assertThat(left(listedGold)).isBetween(Duration.ofDays(2).minus(spent).minusHours(1),
                    Duration.ofDays(DAYS + 2));
            assertThat(erin.payment(resize)).extracting(UserPayment::costStroops, UserPayment::status)
                    .containsExactly(world.quote(Flavor.GOLD, 2), PaymentStatus.SETTLED);

            // a move: on the explorer grid it buys a new pool there, at least a day of it; on TFGrid v3 the 3Bot's
            // account pays wherever it runs, so the chat asks for no days and shows no payment
            List<String> onFreefarm = world.machinesOf("erin", name, PASSWORD);
            // to the farm with the most room: on a grid the class's other 3Bots share, a small one may be full
            Map<String, String> to = new java.util.HashMap<>(Map.of("policy", "Farm", "farm", "alpine-farm"));
            if (grid == Grid.EXPLORER_V2) {
                to.put("days", "1");
            }
            ChatDriver move = chat(deployer, "erin", Flow.CHANGE_LOCATION, name, to);
            List<String> asked = move.seen().stream().filter(m -> m.category().asks())
                    .map(m -> m.questionKey().orElse("")).distinct().toList();
            Optional<ChatMessage> shown = move.seen().stream().filter(m -> m.category() == Category.QRCODE_SHOW)
                    .findFirst();
            if (grid == Grid.TFGRID_V3) {
                assertThat(asked).containsSubsequence("threebot", "password", "farm").doesNotContain("days",
                        "payment");
                assertThat(shown).isEmpty();
            } else {
                assertThat(asked).containsSubsequence("threebot", "password", "farm", "days", "payment");
                UserPayment paidToMove = erin.payment(String.valueOf(shown.orElseThrow().payload().kwargs()
                        .get("payment_id")));
                assertThat(paidToMove).extracting(UserPayment::kind, UserPayment::days, UserPayment::amountStroops,
                        UserPayment::status).containsExactly(PurchaseKind.CHANGE_LOCATION, 1,
                        world.quote(Flavor.GOLD, 1) + fee(), PaymentStatus.SETTLED);
                assertThat(shown.get().payload().kwargs().get("amount")).isEqualTo(paidToMove.amountText());
            }

            ThreebotView moved = listed(erin, name);
            assertDoneRunning(move, moved);
            assertThat(moved).extracting(ThreebotView::farmName, ThreebotView::continent, ThreebotView::flavor,
                    ThreebotView::domain).containsExactly("alpine-farm", "Europe", Flavor.GOLD, bot.domain());
            assertThat(moved.nodeId()).isNotEqualTo(listedGold.nodeId());
            assertThat(reachable(world, moved)).isTrue();
            List<String> inVienna = world.machinesOf("erin", name, PASSWORD);
            assertThat(inVienna).hasSize(1).doesNotContainAnyElementsOf(onFreefarm);
            assertThat(inVienna.get(0)).startsWith("node " + moved.nodeId() + ":");
            assertThat(erin.wireGuardConfig(moved.uuid(), PW)).startsWith("[Interface]");

            if (grid == Grid.TFGRID_V3) {
                assertPaidOnce(ledger, world.quote(Flavor.SILVER, DAYS) + fee(), world.quote(Flavor.GOLD, 2) + fee());
            } else {
                assertPaidOnce(ledger, world.quote(Flavor.SILVER, DAYS) + fee(), world.quote(Flavor.GOLD, 2) + fee(),
                        world.quote(Flavor.GOLD, 1) + fee());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Grid.class)
    void anExtensionThroughTheApiOrTheChatAddsTheDaysPaidFor(Grid grid) throws Exception {
        GridWorld world = grids.world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = grids.newName("long");
        try (ThreebotDeployer deployer = grids.deployer(grid, ledger, dataDirectories)) {
            ThreebotView bot = deployed(deployer, "finn", name, DAYS, Map.of());
            OwnerDeployer finn = deployer.forOwner("finn");
            Instant before = world.now();
            Duration leftBefore = left(listed(finn, name));
            Optional<BigInteger> balanceBefore = balance(grid, "finn", name);

            String payment = paid(finn, bot, Purchase.extend(4));
            finn.extend(bot.uuid(), PW, payment, Progress.silent());

            assertAddedAbout(world, listed(finn, name), leftBefore, before, Duration.ofDays(4));
            assertThat(finn.payment(payment).status()).isEqualTo(PaymentStatus.SETTLED);
            long cost = world.quote(Flavor.SILVER, 4);
            balanceBefore.ifPresent(was -> {
                // the account got what the user paid for the days, less what the grid billed meanwhile
                long got = balance(grid, "finn", name).orElseThrow().subtract(was).longValueExact();
                long billed = grids.v3().hosting().quote(Flavor.SILVER, Duration.between(before, world.now())
                        .plusHours(1));
                assertThat(got).as("topped up, by the grid's bills since").isBetween(cost - billed, cost);
            });

            Instant beforeChat = world.now();
            Duration leftBeforeChat = left(listed(finn, name));
            ChatDriver extend = chat(deployer, "finn", Flow.EXTEND, name, Map.of("days", "2"));

            assertDoneRunning(extend, listed(finn, name));
            assertAddedAbout(world, listed(finn, name), leftBeforeChat, beforeChat, Duration.ofDays(2));
            assertThat(extend.seen()).anyMatch(m -> m.category() == Category.QRCODE_SHOW);
            assertPaidOnce(ledger, world.quote(Flavor.SILVER, DAYS) + fee(), cost + fee(),
                    world.quote(Flavor.SILVER, 2) + fee());
        }
    }

    /** The 3Bot's account's balance on TFGrid v3; empty on the explorer grid, where it has none. */
    private Optional<BigInteger> balance(Grid grid, String owner, String name) {
        return grid == Grid.TFGRID_V3 ? Optional.of(grids.v3().balanceOf(owner, name, PASSWORD)) : Optional.empty();
    }

    /**
     * The 3Bot lasts {@code added} longer than it did at {@code then} ({@code leftThen}), less the grid's time since:
     * within an hour below (a billing period) and ten minutes above.
     */
    private static void assertAddedAbout(GridWorld world, ThreebotView now, Duration leftThen, Instant then,
                                         Duration added) {
        Duration spent = Duration.between(then, world.now());
        assertThat(left(now)).isBetween(leftThen.plus(added).minus(spent).minusHours(1),
                leftThen.plus(added).plusMinutes(10));
    }

    @ParameterizedTest
    @EnumSource(Grid.class)
    void aShortPoolIsToldAndRenewedThenA3BotLeftToRunOutIsShownSoAndStartedAgainOnlyPaid(Grid grid)
            throws Exception {
        GridWorld world = grids.world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = grids.newName("short");
        List<ExpiryNotice> notices = new CopyOnWriteArrayList<>();
        try (ThreebotDeployer deployer = grids.builder(grid, ledger, dataDirectories)
                .expiryListener(notices::add).build().start()) {
            ThreebotView bot = deployed(deployer, "gus", name, 5, Map.of());
            OwnerDeployer gus = deployer.forOwner("gus");
            assertThat(deployer.checkExpiry()).isEmpty();
            gus.autoRenew(bot.uuid(), PW, 3);

            // the pool runs low: the owner is told, and asked for the renewal, which pays for 3 days more
            world.shorten("gus", listed(gus, name), PASSWORD, Duration.ofHours(30));
            Instant shortened = world.now();
            deployer.checkExpiry();
            ExpiryNotice low = notices.stream().filter(n -> n.name().equals(name)).findFirst()
                    .orElseThrow(() -> new AssertionError("no expiry notice"));
            assertThat(low.expiry()).isEqualTo(Expiry.EXPIRES_SOON);
            assertThat(low.timeLeft()).isBetween(Duration.ofHours(20), Duration.ofHours(31));
            String renewal = low.renewalPayment().orElseThrow();
            assertThat(low.message()).isEqualTo("3Bot '" + name + "' runs out of capacity in about "
                    + Expiry.roughly(low.timeLeft()) + ": pay the renewal request " + renewal
                    + " to keep it running.");
            ThreebotView renewed = awaitListed(gus, name, v -> v.poolTimeLeft().filter(left -> left.compareTo(
                    Duration.ofDays(2)) > 0).isPresent());
            assertAddedAbout(world, renewed, Duration.ofHours(30), shortened, Duration.ofDays(3));
            assertThat(gus.payment(renewal)).extracting(UserPayment::days, UserPayment::status)
                    .containsExactly(3, PaymentStatus.SETTLED);
            assertThat(deployer.checkExpiry()).as("renewed: nothing to tell").isEmpty();

            // without auto-renew, the owner is told to extend it
            assertThat(gus.stopAutoRenew(bot.uuid())).isTrue();
            world.shorten("gus", listed(gus, name), PASSWORD, Duration.ofHours(30));
            assertThat(deployer.checkExpiry()).singleElement().satisfies(n -> {
                assertThat(n.expiry()).isEqualTo(Expiry.EXPIRES_SOON);
                assertThat(n.renewalPayment()).isEmpty();
                assertThat(n.message()).endsWith(": extend it to keep it running.");
            });

            // left to run out: the grid takes it away and the owner sees it stopped, with nothing left running
            world.runOut("gus", listed(gus, name), PASSWORD);
            ThreebotView gone = awaitRanOut(grid, gus, name);
            assertThat(gone.state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(reachable(world, gone)).isFalse();
            // v3 removes a 3Bot's contracts one at a time, as each is billed: the VM may go after the name
            awaitListed(gus, name, v -> world.machinesOf("gus", name, PASSWORD).isEmpty());
            assertThat(deployer.checkExpiry()).singleElement().satisfies(n -> {
                assertThat(n.expiry()).isEqualTo(Expiry.RAN_DRY);
                assertThat(n.message()).isEqualTo("3Bot '" + name + "' ran out of capacity and stops: buy days to "
                        + "start it again.");
            });

            // the restart chat asks for days, refuses none, and runs it again once paid
            ChatDriver restart = ChatDriver.startFlow(deployer, "gus", Flow.RESTART);
            ChatMessage days = restart.answerUntil("days", Map.of("threebot", name, "password", PASSWORD));
            assertThat(days.payload().msg()).startsWith("Its capacity pool ran dry: buy at least 1 day to start it");
            assertThat(gus.answer(restart.sessionId(), "0").validationError())
                    .contains("The pool ran dry: buy at least 1 day.");
            ChatMessage last = restart.runToEnd(Map.of("days", "2"));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            ThreebotView back = listed(gus, name);
            assertDoneRunning(restart, back);
            assertThat(reachable(world, back)).isTrue();
            assertThat(left(back)).isBetween(Duration.ofDays(1), Duration.ofDays(2).plusMinutes(10));
            // what the chat bought: days for the restart; on TFGrid v3, where a restart buys none, an extension
            String restartPayment = restart.seen().stream().filter(m -> m.category() == Category.QRCODE_SHOW)
                    .findFirst().map(m -> String.valueOf(m.payload().kwargs().get("payment_id"))).orElseThrow();
            assertThat(gus.payment(restartPayment)).extracting(UserPayment::kind, UserPayment::days,
                    UserPayment::status).containsExactly(grid == Grid.TFGRID_V3 ? PurchaseKind.EXTEND
                    : PurchaseKind.RESTART, 2, PaymentStatus.SETTLED);

            assertPaidOnce(ledger, world.quote(Flavor.SILVER, 5) + fee(), world.quote(Flavor.SILVER, 3) + fee(),
                    world.quote(Flavor.SILVER, 2) + fee());
        }
    }

    /**
     * Waits until the grid took the 3Bot away. TFGrid v3 pauses its contracts first: the owner sees a note to extend
     * it before the grace period ends, then one that the grid deleted it; the explorer grid removes its workloads as
     * soon as its pool ran dry, and the listing shows the pool dry.
     */
    private static ThreebotView awaitRanOut(Grid grid, OwnerDeployer owner, String name)
            throws InterruptedException {
        if (grid == Grid.TFGRID_V3) {
            ThreebotView paused = awaitListed(owner, name, v -> v.gridNote().isPresent());
            assertThat(paused.gridNote().orElseThrow()).satisfiesAnyOf(
                    note -> assertThat(note).isEqualTo("Its account on TFGrid v3 (local) ran out of funds and the "
                            + "grid paused it; extend it before the grace period ends, or the grid deletes it."),
                    note -> assertThat(note).startsWith("The grid deleted it"));
            ThreebotView deleted = awaitListed(owner, name, v -> v.gridNote().filter(n -> n.startsWith(
                    "The grid deleted it")).isPresent());
            assertThat(deleted.gridNote()).contains("The grid deleted it for lack of funds after its grace period; "
                    + "its backups are kept.");
            return deleted;
        }
        ThreebotView dry = listed(owner, name);
        assertThat(dry.expiry()).contains(Expiry.RAN_DRY);
        assertThat(dry.poolTimeLeft()).contains(Duration.ZERO);
        assertThat(dry.gridNote()).isEmpty();
        return dry;
    }
}
