package io.threebot.deployer.examples.bothgrids;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.spi.RefundOrder;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.examples.v3grid.Contract;
import io.threebot.deployer.examples.v3grid.LocalV3Grid;
import io.threebot.deployer.examples.v3grid.SimulatedZosNode;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.hosting.TfgridHosting;
import io.threebot.deployer.tfgrid.keys.Ed25519KeyPair;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user sees when a deploy on TFGrid v3 goes wrong, and that nothing is left behind or paid twice: the
 * 3Bot's twin has no live contract, the capacity money went back from the 3Bot's account to the operator (less the
 * fee reserve), and the user got all they paid back. Also a 3Bot whose account ran out: "My 3Bots" shows its grace
 * period, then its deletion for lack of funds; a resize whose node has no room runs on another node of its farm and
 * "My 3Bots" shows which. The chain makes a block every 50 ms; a node's answer is waited for 2 s.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class V3GridFaultsTest {
    private static final String PASSWORD = "correct horse battery";
    private static final Duration CALL_DEADLINE = Duration.ofSeconds(2);
    private static final long TFT = TfchainRuntime.ONE_TFT;
    /** The most the operator may lose on an undone deploy: the fee reserve left in the account, and fees. */
    private static final long MOST_LOST = ThreebotGrid.RECLAIM_RESERVE.longValueExact() + TFT;
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final DeployerSettings settings = SimulatedWorld.fastSettings().readinessTimeout(Duration.ofSeconds(20))
            .build();
    private final AtomicInteger names = new AtomicInteger();
    @TempDir
    Path dataDirectories;
    private LocalV3World v3;

    @BeforeAll
    void start() throws Exception {
        v3 = LocalV3World.start(settings.keyDerivation(), CALL_DEADLINE, 60);
    }

    @AfterEach
    void clearFaults() {
        v3.grid().nodes().forEach(SimulatedZosNode::clearFaults);
    }

    @AfterAll
    void stop() {
        if (v3 != null) {
            v3.close();
        }
    }

    private ThreebotDeployer deployer(TfgridHosting hosting, SimulatedLedger ledger) throws Exception {
        Path data = Files.createDirectories(dataDirectories.resolve("deployer-" + names.incrementAndGet()));
        return v3.deployerOn(hosting, settings, ledger, data).build().start();
    }

    private static SimulatedLedger payingLedger() {
        return new SimulatedLedger(Clock.systemUTC()).payRequestsAfter(Duration.ZERO);
    }

    private static Map<String, String> answers(String name, Optional<Long> node) {
        Map<String, String> all = new HashMap<>(Map.of("name", name, "password", PASSWORD, "days", "3"));
        node.ifPresent(id -> {
            all.put("policy", "Specific node");
            all.put("node", String.valueOf(id));
        });
        return all;
    }

    /**
     * The user paid once and got exactly that back; the 3Bot's twin has no live contract; its account holds no
     * more than the fee reserve, the rest went back to the operator.
     */
    private void assertNothingLeftAndRefundedInFull(SimulatedLedger ledger, String owner, String name,
            BigInteger operatorBefore) {
        assertThat(ledger.demands()).hasSize(1);
        long paid = ledger.demands().get(0).amountStroops();
        assertThat(ledger.refunds()).extracting(RefundOrder::amountStroops).containsExactly(paid);
        assertThat(ledger.netOf(SimulatedLedger.AUTO_PAYER)).isZero();
        assertThat(v3.contractsOf(owner, name, PASSWORD)).as("live contracts of the 3Bot's twin").isEmpty();
        BigInteger left = v3.balanceOf(owner, name, PASSWORD);
        assertThat(left).as("left in the 3Bot's account").isLessThanOrEqualTo(ThreebotGrid.RECLAIM_RESERVE);
        long lost = operatorBefore.subtract(v3.operatorBalance()).longValueExact();
        assertThat(lost).as("what the operator did not get back").isNotNegative().isLessThan(MOST_LOST);
    }

    private ChatMessage deployWhile(ThreebotDeployer deployer, String owner, Map<String, String> answers,
            Predicate<ChatMessage> when, Runnable fault) {
        AtomicInteger done = new AtomicInteger();
        deployer.addChatListener(m -> {
            if (m.busy() && when.test(m) && done.getAndIncrement() == 0) {
                fault.run();
            }
        });
        ChatMessage last = ChatDriver.start(deployer, owner).runToEnd(answers);
        assertThat(done.get()).as("the fault was injected").isPositive();
        return last;
    }

    @Test
    void aNodeGoingOfflineDuringTheDeployEndsInAnErrorThatSaysSoAndUndoesEverything() throws Exception {
        long node = v3.nodeId("NODE-VIENNA-1");
        SimulatedLedger ledger = payingLedger();
        BigInteger operatorBefore = v3.operatorBalance();
        try (ThreebotDeployer deployer = deployer(v3.hosting(), ledger)) {
            ChatMessage last = deployWhile(deployer, "olga", answers("offline", Optional.of(node)),
                    m -> m.payload().msg().contains("Created the network contract"),
                    () -> v3.grid().node(node).orElseThrow().setOffline(true));

            assertThat(last.category()).isEqualTo(Category.ERROR);
            assertThat(last.payload().msg()).matches("The 3Bot could not be deployed: the 3Bot's network on node "
                    + node + " failed: no reply to zos\\.deployment\\.get from twin \\d+ within 2 s\\. What this "
                    + "attempt made is cancelled\\. Everything set up for it was removed\\. Your payment of "
                    + "[0-9.]+ TFT is refunded in full\\.");
            assertThat(deployer.forOwner("olga").threebots()).isEmpty();
        }
        assertNothingLeftAndRefundedInFull(ledger, "olga", "offline", operatorBefore);
    }

    @Test
    void aVmItsNodeRefusesForCapacityRunsOnAnotherNodeAndMy3BotsShowsWhich() throws Exception {
        SimulatedLedger ledger = payingLedger();
        AtomicLong refusing = new AtomicLong();
        Pattern created = Pattern.compile("Created the network contract on node (\\d+);.*");
        try (ThreebotDeployer deployer = deployer(v3.hosting(), ledger)) {
            // the VM's node fills up (as gridproxy does not show yet) once its network contract is made
            deployer.addChatListener(m -> {
                Matcher matcher = created.matcher(m.payload().msg());
                if (m.busy() && matcher.matches() && refusing.compareAndSet(0, Long.parseLong(matcher.group(1)))) {
                    v3.grid().node(refusing.get()).orElseThrow().setRefusingCapacity(true);
                }
            });
            ChatMessage last = ChatDriver.start(deployer, "rita").runToEnd(answers("refused", Optional.empty()));

            assertThat(refusing.get()).as("the fault was injected").isPositive();
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            ThreebotView bot = deployer.forOwner("rita").threebots().get(0);
            assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(Long.parseLong(bot.nodeId())).as("the node My 3Bots shows").isNotEqualTo(refusing.get());
            assertThat(v3.contractsOf("rita", "refused", PASSWORD)).extracting(Contract::nodeId)
                    .doesNotContain(refusing.get()).contains(Long.parseLong(bot.nodeId()));
            assertThat(v3.grid().resolve(java.net.URI.create(bot.url()).getHost()).flatMap(LocalV3Grid.NameRoute::machine).orElseThrow()
                    .nodeId()).isEqualTo(Long.parseLong(bot.nodeId()));
            assertThat(ledger.refunds()).isEmpty();
        }
    }

    @Test
    void aResizeWhoseNodeHasNoRoomRunsOnAnotherNodeOfItsFarmAndMy3BotsShowsWhich() throws Exception {
        SimulatedLedger ledger = payingLedger();
        try (ThreebotDeployer deployer = deployer(v3.hosting(), ledger)) {
            Map<String, String> answers = answers("grown", Optional.empty());
            answers.put("policy", "Farm");
            answers.put("farm", "freefarm");
            ChatMessage last = ChatDriver.start(deployer, "vera").runToEnd(answers);
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            OwnerDeployer vera = deployer.forOwner("vera");
            ThreebotView deployed = vera.threebots().get(0);
            long own = Long.parseLong(deployed.nodeId());
            String paid = vera.requestPayment(deployed.uuid(), Purchase.changeSize(Flavor.GOLD, 1)).id();
            // the 3Bot's node has no room for a Gold VM beside its Silver one
            v3.grid().node(own).orElseThrow().setRefusingCapacity(true);
            List<String> seen = new CopyOnWriteArrayList<>();

            ThreebotView gold = vera.changeSize(deployed.uuid(), Secret.of(PASSWORD), Flavor.GOLD, Optional.of(paid),
                    seen::add);

            long placed = Long.parseLong(gold.nodeId());
            assertThat(placed).as("the node My 3Bots shows").isNotEqualTo(own);
            assertThat(gold).extracting(ThreebotView::flavor, ThreebotView::farmName, ThreebotView::state)
                    .containsExactly(Flavor.GOLD, "freefarm", ThreebotState.RUNNING);
            assertThat(gold.privateIp()).as("the private address My 3Bots shows").isNotEqualTo(deployed.privateIp());
            assertThat(seen).contains("The 3Bot moves to node " + placed + " of its farm because its node " + own
                    + " has no room for it at its new size; it keeps answering until the new one does.");
            assertThat(vera.threebots().get(0).nodeId()).isEqualTo(gold.nodeId());
            assertThat(v3.contractsOf("vera", "grown", PASSWORD)).extracting(Contract::nodeId)
                    .doesNotContain(own).contains(placed);
            assertThat(v3.grid().resolve(java.net.URI.create(gold.url()).getHost())
                    .flatMap(LocalV3Grid.NameRoute::machine).orElseThrow().nodeId()).isEqualTo(placed);
            assertThat(vera.payment(paid).status()).isEqualTo(PaymentStatus.SETTLED);
            assertThat(ledger.refunds()).isEmpty();
        }
    }

    @Test
    void aNodeThatDoesNotAnswerItsCallsTimesOutWithTheSameOutcome() throws Exception {
        long node = v3.nodeId("NODE-VIENNA-2");
        v3.grid().node(node).orElseThrow().setReplyDelay(CALL_DEADLINE.multipliedBy(3));
        SimulatedLedger ledger = payingLedger();
        BigInteger operatorBefore = v3.operatorBalance();
        try (ThreebotDeployer deployer = deployer(v3.hosting(), ledger)) {
            ChatMessage last = ChatDriver.start(deployer, "rita").runToEnd(answers("silent", Optional.of(node)));

            assertThat(last.category()).isEqualTo(Category.ERROR);
            // asked for the node's WireGuard ports while the placement is planned: the message names the node
            assertThat(last.payload().msg()).matches("Node " + node + "( or the gateway node \\d+)? did not answer "
                    + "while the 3Bot's network was planned \\(no reply to zos\\.network\\.list_wg_ports from twin "
                    + v3.grid().node(node).orElseThrow().twinId() + " within 2 s\\); nothing was deployed\\. Please "
                    + "try again, or choose another location\\. Everything set up for it was removed\\. Your payment "
                    + "of [0-9.]+ TFT is refunded in full\\.");
            assertThat(deployer.forOwner("rita").threebots()).isEmpty();
        }
        assertNothingLeftAndRefundedInFull(ledger, "rita", "silent", operatorBefore);
    }

    @Test
    void anOperatorWhoseAccountCannotPayTheTopUpRefundsTheUserInFull() throws Exception {
        Ed25519KeyPair broke = Ed25519KeyPair.fromSeed(IdentityKeys.generate(new SecureRandom()).seed());
        SimulatedLedger ledger = payingLedger();
        try (ThreebotDeployer deployer = deployer(v3.hostingPaidBy(broke), ledger)) {
            ChatMessage last = ChatDriver.start(deployer, "paul").runToEnd(answers("unpaid", Optional.empty()));

            assertThat(last.category()).isEqualTo(Category.ERROR);
            assertThat(last.payload().msg()).matches("The operator's account cannot pay [0-9.]+ TFT to the 3Bot's "
                    + "account right now\\. Everything set up for it was removed\\. Your payment of [0-9.]+ TFT is "
                    + "refunded in full\\.");
            assertThat(deployer.forOwner("paul").threebots()).isEmpty();
        }
        long paid = ledger.demands().get(0).amountStroops();
        assertThat(ledger.refunds()).extracting(RefundOrder::amountStroops).containsExactly(paid);
        assertThat(v3.contractsOf("paul", "unpaid", PASSWORD)).isEmpty();
        assertThat(v3.balanceOf("paul", "unpaid", PASSWORD)).isZero();
    }

    @Test
    void a3BotWhoseAccountRunsOutShowsItsGracePeriodThenItsDeletionForLackOfFunds() throws Exception {
        SimulatedLedger ledger = payingLedger();
        try (ThreebotDeployer deployer = deployer(v3.hosting(), ledger)) {
            ChatMessage last = ChatDriver.start(deployer, "gina").runToEnd(answers("starved", Optional.empty()));
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            OwnerDeployer gina = deployer.forOwner("gina");
            assertThat(gina.threebots()).singleElement().satisfies(b -> {
                assertThat(b.state()).isEqualTo(ThreebotState.RUNNING);
                assertThat(b.gridNote()).isEmpty();
            });

            v3.drain("gina", "starved", PASSWORD, BigInteger.valueOf(TFT / 4));

            // the gateway stops answering as soon as the VM's contract is paused, so the listing may show ERROR a
            // moment before every contract is in its grace period and the note comes
            ThreebotView paused = awaitView(gina, v -> v.gridNote().isPresent());
            assertThat(paused.state()).isEqualTo(ThreebotState.ERROR);
            assertThat(paused.gridNote()).contains("Its account on TFGrid v3 (local) ran out of funds and the grid "
                    + "paused it; extend it before the grace period ends, or the grid deletes it.");
            ThreebotView deleted = awaitView(gina, v -> v.state() != ThreebotState.ERROR);
            assertThat(deleted.state()).isEqualTo(ThreebotState.STOPPED);
            assertThat(deleted.gridNote()).contains("The grid deleted it for lack of funds after its grace period; "
                    + "its backups are kept.");
            assertThat(v3.probe().isReachable(java.net.URI.create(deleted.url()), Duration.ofSeconds(1))).isFalse();
            assertThat(ledger.refunds()).isEmpty();

            // the grid deleted the contracts that ran out (of the five a deploy makes); the others stay until they
            // run out too
            assertThat(v3.contractsOf("gina", "starved", PASSWORD)).isNotEmpty().hasSizeLessThan(5);

            // the owner can still destroy it: the operator sends the empty account the fees of the cancellations
            String uuid = deleted.uuid();
            assertThat(gina.destroy(uuid, io.threebot.deployer.model.Secret.of(PASSWORD)).state())
                    .isEqualTo(ThreebotState.DELETED);
            assertThat(v3.contractsOf("gina", "starved", PASSWORD)).isEmpty();
        }
    }

    /** Lists the owner's only 3Bot until it matches. */
    private static ThreebotView awaitView(OwnerDeployer owner, Predicate<ThreebotView> wanted)
            throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            ThreebotView view = owner.threebots().get(0);
            if (wanted.test(view)) {
                return view;
            }
            assertThat(System.nanoTime()).as("waited for the listing to change from " + view.state() + " "
                    + view.gridNote()).isLessThan(deadline);
            Thread.sleep(100);
        }
    }
}
