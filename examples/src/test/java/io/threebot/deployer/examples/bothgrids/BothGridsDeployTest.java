package io.threebot.deployer.examples.bothgrids;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Flow;
import io.threebot.deployer.OwnerDeployer;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.examples.bothgrids.BothGrids.Grid;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.sim.SimulatedLedger;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The deploy chat and "My 3Bots" behave the same on the embedded simulated explorer grid and on a local TFGrid v3,
 * driven through the public API only: the same steps to a running 3Bot that answers, the same payment (the grid's
 * quote plus the fee, settled), the same listing, WireGuard download and destroy that leaves nothing running, the
 * same refusals of bad answers with nothing bought, and the same location policies.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BothGridsDeployTest {
    private static final String PASSWORD = BothGrids.PASSWORD;
    private static final int DAYS = 3;
    /** The deploy flow's steps. */
    private static final List<String> STEPS = List.of("3Bot Name", "Deployer Information", "SSH key (Optional)",
            "Recovery Password", "Deployment location policy", "Deployment location", "Expiration", "Payment",
            "Setup", "Reservation", "Initializing", "Container Access", "Success");
    /** The steps whose questions, payment, download and result a user sees with the automatic location policy. */
    private static final List<String> SHOWN = List.of("3Bot Name", "Deployer Information", "SSH key (Optional)",
            "Recovery Password", "Deployment location policy", "Expiration", "Payment", "Container Access",
            "Success");
    /** The long steps, seen while they run. */
    private static final List<String> LONG = List.of("Setup", "Reservation", "Initializing");

    private final DeployerSettings settings = SimulatedWorld.fastSettings().readinessTimeout(Duration.ofSeconds(20))
            .build();
    @TempDir
    Path dataDirectories;
    private BothGrids grids;

    @BeforeAll
    void start() throws Exception {
        grids = BothGrids.start(settings, 100);
    }

    @AfterAll
    void stop() {
        if (grids != null) {
            grids.close();
        }
    }

    private GridWorld world(Grid grid) {
        return grids.world(grid);
    }

    private ThreebotDeployer deployer(Grid grid, SimulatedLedger ledger) throws Exception {
        return grids.deployer(grid, ledger, dataDirectories);
    }

    private String newName(String prefix) {
        return grids.newName(prefix);
    }

    private static Map<String, String> answers(String name, Map<String, String> more) {
        return BothGrids.answers(name, DAYS, more);
    }

    /** The step titles of the chat's messages that are (or are not) a long step's progress, in order, each once. */
    private static List<String> titles(ChatDriver chat, boolean busy) {
        return new ArrayList<>(new LinkedHashSet<>(chat.seen().stream().filter(m -> m.busy() == busy)
                .map(m -> m.info().title()).toList()));
    }

    /**
     * The chat went through the flow's steps: every message counts the same steps, the questions and results came
     * under the same titles, and the long steps showed their progress. (On the explorer grid the user also sees
     * "Deployment location" while the 3Bot's identity is registered there; TFGrid v3 has no such step.)
     */
    private static void assertSteps(ChatDriver chat) {
        assertThat(chat.seen()).allSatisfy(m -> assertThat(m.info().steps()).isEqualTo(STEPS.size()));
        assertThat(chat.seen()).allSatisfy(m -> assertThat(m.info().title())
                .isEqualTo(STEPS.get(m.info().step() - 1)));
        assertThat(titles(chat, false)).isEqualTo(SHOWN);
        assertThat(titles(chat, true)).containsSubsequence(LONG);
    }

    /** The success message, which names the address. */
    private static ChatMessage success(ChatDriver chat) {
        return chat.seen().stream().filter(m -> m.info().title().equals("Success") && !m.busy()
                && m.category() == Category.MD_SHOW).findFirst()
                .orElseThrow(() -> new AssertionError("no success message"));
    }

    private static String paymentId(ChatDriver chat) {
        return chat.seen().stream().filter(m -> m.payload().kwargs().containsKey("payment_id")).findFirst()
                .map(m -> String.valueOf(m.payload().kwargs().get("payment_id")))
                .orElseThrow(() -> new AssertionError("the chat never showed a payment"));
    }

    @ParameterizedTest
    @EnumSource(Grid.class)
    void aDeployChatEndsWithARunning3BotThatIsListedDownloadableAndDestroyedWithNothingLeft(Grid grid)
            throws Exception {
        GridWorld world = world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = newName("life");
        try (ThreebotDeployer deployer = deployer(grid, ledger)) {
            ChatDriver chat = ChatDriver.start(deployer, "alice");
            Instant started = world.now();
            ChatMessage last = chat.runToEnd(answers(name, Map.of()));

            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            assertSteps(chat);
            OwnerDeployer alice = deployer.forOwner("alice");
            ThreebotView bot = alice.threebots().stream().filter(b -> b.name().equals(name)).findFirst()
                    .orElseThrow();
            assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
            assertThat(bot.url()).isEqualTo("https://" + bot.domain() + "/admin").startsWith("https://" + name + ".");
            assertThat(success(chat).payload().msg()).contains("<" + bot.url() + ">", "State: RUNNING");
            assertThat(world.probe().isReachable(URI.create(bot.url()), Duration.ofSeconds(2))).isTrue();

            // the user paid the grid's quote plus the fee, once, and the payment is settled
            UserPayment payment = alice.payment(paymentId(chat));
            long quote = world.quote(Flavor.SILVER, DAYS);
            assertThat(payment.costStroops()).isEqualTo(quote);
            assertThat(payment.feeStroops()).isEqualTo(settings.billing().feeStroops());
            assertThat(payment.amountStroops()).isEqualTo(quote + settings.billing().feeStroops());
            assertThat(payment.status()).isEqualTo(PaymentStatus.SETTLED);
            assertThat(ledger.demands()).singleElement()
                    .satisfies(d -> assertThat(d.amountStroops()).isEqualTo(payment.amountStroops()));
            assertThat(ledger.netOf(SimulatedLedger.AUTO_PAYER)).isEqualTo(-payment.amountStroops());
            assertThat(ledger.refunds()).isEmpty();

            // "My 3Bots": running, with the days paid for left, less the grid's time since the chat began (a local
            // chain's clock runs fast) and one billing period; never more than what was paid for
            Duration spent = Duration.between(started, world.now());
            assertThat(bot.poolTimeLeft()).hasValueSatisfying(left -> assertThat(left).isBetween(
                    Duration.ofDays(DAYS).minus(spent).minusHours(1), Duration.ofDays(DAYS).plusMinutes(10)));
            assertThat(bot.gridNote()).isEmpty();
            String wireGuard = alice.wireGuardConfig(bot.uuid(), Secret.of(PASSWORD));
            assertThat(wireGuard).startsWith("[Interface]").contains("PrivateKey = ").contains("[Peer]");
            assertThat(chat.seen().stream().filter(m -> m.category() == Category.DOWNLOAD_FILE).findFirst()
                    .orElseThrow().payload().kwargs().get("data")).isEqualTo(wireGuard);
            assertThat(world.liveOf("alice", name, PASSWORD)).isNotEmpty();

            ThreebotView destroyed = alice.destroy(bot.uuid(), Secret.of(PASSWORD));

            assertThat(destroyed.state()).isEqualTo(ThreebotState.DELETED);
            assertThat(alice.threebots().stream().filter(b -> b.uuid().equals(bot.uuid())))
                    .singleElement().satisfies(b -> assertThat(b.state()).isEqualTo(ThreebotState.DELETED));
            assertThat(world.liveOf("alice", name, PASSWORD)).as("left running on the " + world).isEmpty();
            assertThat(world.probe().isReachable(URI.create(bot.url()), Duration.ofSeconds(2))).isFalse();
            if (grid == Grid.TFGRID_V3) {
                // what the 3Bot's account held went back to the operator, but for the reserve for the transfer's fee
                assertThat(grids.v3().balanceOf("alice", name, PASSWORD)).as("left on the 3Bot's account")
                        .isLessThanOrEqualTo(io.threebot.deployer.tfgrid.deploy.ThreebotGrid.RECLAIM_RESERVE);
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Grid.class)
    void badAnswersAreRefusedTheSameWayWithNothingBought(Grid grid) throws Exception {
        GridWorld world = world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = newName("taken");
        String other = newName("spare");
        try (ThreebotDeployer deployer = deployer(grid, ledger)) {
            assertThat(ChatDriver.start(deployer, "bob").runToEnd(answers(name, Map.of())).category())
                    .isEqualTo(Category.END);
            ChatDriver chat = ChatDriver.start(deployer, "bob");
            OwnerDeployer bob = deployer.forOwner("bob");

            ChatMessage taken = bob.answer(chat.sessionId(), name);
            assertThat(taken.questionKey()).contains("name");
            assertThat(taken.validationError()).contains("'" + name + "' is already one of your 3Bots; choose "
                    + "another.");
            chat.answerUntil("ssh_key", Map.of("name", other));
            ChatMessage badKey = bob.answer(chat.sessionId(), "ssh-ed25519 !!!notbase64");
            assertThat(badKey.questionKey()).contains("ssh_key");
            assertThat(badKey.validationError()).hasValueSatisfying(e -> assertThat(e)
                    .startsWith("This is not an OpenSSH public key: ").contains("not valid base64"));
            chat.answer("ssh_key", "");
            ChatMessage shortPassword = bob.answer(chat.sessionId(), "short pw");
            assertThat(shortPassword.questionKey()).contains("password");
            assertThat(shortPassword.validationError()).hasValueSatisfying(e -> assertThat(e)
                    .contains("Use at least 10 characters"));
            bob.closeChat(chat.sessionId());

            assertThat(ledger.demands()).as("only the first 3Bot was paid for").hasSize(1);
            assertThat(ledger.refunds()).isEmpty();
            assertThat(world.liveOf("bob", other, PASSWORD)).isEmpty();
            assertThat(world.liveOf("bob", other, "short pw")).isEmpty();
            assertThat(bob.threebots()).extracting(ThreebotView::name).containsExactly(name);
        }
    }

    /** A location policy, its answers, and what the 3Bot deployed under it must show. */
    enum Policy { CONTINENT, FARM, NODE }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("gridsAndPolicies")
    void theLocationPoliciesAreHonoured(Grid grid, Policy policy) throws Exception {
        GridWorld world = world(grid);
        SimulatedLedger ledger = BothGrids.payingLedger();
        String name = newName("where");
        try (ThreebotDeployer deployer = deployer(grid, ledger)) {
            ChatDriver chat = ChatDriver.start(deployer, "carol");
            Map<String, String> given = answers(name, Map.of());
            ChatMessage asked = chat.answerUntil("policy", given);
            assertThat(asked.options()).containsExactly("Automatic", "Continent", "Farm", "Specific node");
            String chosen;
            switch (policy) {
                case CONTINENT -> {
                    // TFGrid v3 also offers "Unknown", for a farm whose nodes have no location
                    assertThat(chat.answer("policy", "Continent").options())
                            .containsSubsequence("Asia", "Europe", "North America");
                    chosen = "North America";
                    chat.answer("continent", chosen);
                }
                case FARM -> {
                    assertThat(chat.answer("policy", "Farm").options())
                            .contains("freefarm", "alpine-farm", "greenedge", "tokyo-hub");
                    chosen = "tokyo-hub";
                    chat.answer("farm", chosen);
                }
                default -> {
                    List<String> nodes = chat.answer("policy", "Specific node").options();
                    assertThat(nodes).hasSizeGreaterThan(5).doesNotHaveDuplicates();
                    chosen = nodes.get(nodes.size() - 1);
                    chat.answer("node", chosen);
                }
            }
            ChatMessage last = chat.runToEnd(given);
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);

            ThreebotView bot = deployer.forOwner("carol").threebots().stream().filter(b -> b.name().equals(name))
                    .findFirst().orElseThrow();
            assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
            switch (policy) {
                case CONTINENT -> assertThat(bot).extracting(ThreebotView::continent, ThreebotView::farmName)
                        .containsExactly("North America", "greenedge");
                case FARM -> assertThat(bot).extracting(ThreebotView::continent, ThreebotView::farmName)
                        .containsExactly("Asia", "tokyo-hub");
                default -> assertThat(bot.nodeId()).isEqualTo(chosen);
            }
            deployer.forOwner("carol").destroy(bot.uuid(), Secret.of(PASSWORD));
            assertThat(world.liveOf("carol", name, PASSWORD)).isEmpty();
        }
    }

    private static java.util.stream.Stream<org.junit.jupiter.params.provider.Arguments> gridsAndPolicies() {
        return java.util.Arrays.stream(Grid.values()).flatMap(g -> java.util.Arrays.stream(Policy.values())
                .map(p -> org.junit.jupiter.params.provider.Arguments.of(g, p)));
    }
}
