package io.threebot.deployer.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.Flow;
import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.billing.Purchase;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.model.LocationPolicy;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testkit.SimulatedWorld;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The change-location chat offers every location policy, and moving back to a farm uses the pool left there. */
class ChangeLocationTest {
    private final SimulatedWorld world = SimulatedWorld.builder().workloadDelay(Duration.ZERO).build();

    private static Threebot move(ThreebotDeployer deployer, Map<String, String> answers) {
        ChatDriver chat = ChatDriver.startFlow(deployer, "ann", Flow.CHANGE_LOCATION);
        ChatMessage done = chat.runToEnd(answers);
        assertThat(done.category()).as(done.payload().msg()).isEqualTo(Category.END);
        Threebot bot = Internals.storedThreebots(deployer, "ann").get(0);
        assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
        return bot;
    }

    @Test
    void theChatAsksForAPolicyAndMovesByContinentFarmOrNode() {
        try (ThreebotDeployer deployer = world.start()) {
            ChatMessage deployed = ChatDriver.start(deployer, "ann")
                    .runToEnd(Map.of("policy", "Farm", "farm", "tokyo-hub"));
            assertThat(deployed.category()).as(deployed.payload().msg()).isEqualTo(Category.END);
            Threebot first = Internals.storedThreebots(deployer, "ann").get(0);

            ChatDriver chat = ChatDriver.startFlow(deployer, "ann", Flow.CHANGE_LOCATION);
            ChatMessage policy = chat.answerUntil("policy", Map.of("threebot", "mybot"));
            assertThat(policy.options()).containsExactly("Automatic", "Continent", "Farm", "Specific node");
            assertThat(chat.answer("policy", "Continent").options())
                    .containsExactly("Asia", "Europe", "North America");
            ChatMessage days = chat.answer("continent", "North America");
            assertThat(days.payload().msg()).contains("buys a new capacity pool");
            assertThat(deployer.forOwner("ann").answer(chat.sessionId(), "0").validationError())
                    .contains("The move buys a new pool: buy at least 1 day.");
            int demands = world.ledger().demands().size();
            ChatMessage done = chat.runToEnd(Map.of("days", "3"));
            assertThat(done.category()).as(done.payload().msg()).isEqualTo(Category.END);
            assertThat(world.ledger().demands()).as("the new pool was paid for").hasSize(demands + 1);
            Threebot moved = Internals.storedThreebots(deployer, "ann").get(0);
            assertThat(moved.farmName()).isEqualTo("greenedge");
            assertThat(moved.nodeId()).startsWith("node-toronto-");
            assertThat(moved.poolId()).isNotEqualTo(first.poolId());
            assertThat(moved.url()).as("the domain stays").isEqualTo(first.url());

            Threebot onFarm = move(deployer, Map.of("threebot", "mybot", "policy", "Farm", "farm", "alpine-farm"));
            assertThat(onFarm.farmName()).isEqualTo("alpine-farm");

            ChatDriver back = ChatDriver.startFlow(deployer, "ann", Flow.CHANGE_LOCATION);
            ChatMessage backDays = back.answerUntil("days", Map.of("threebot", "mybot", "policy", "Specific node",
                    "node", "node-tokyo-1"));
            assertThat(backDays.payload().msg()).containsPattern("still has a capacity pool there that lasts about "
                    + "1[34] days, so the move needs no payment");
            assertThat(backDays.payload().kwargs()).containsEntry("default", "0");
            int before = world.ledger().demands().size();
            ChatMessage backDone = back.runToEnd(Map.of("threebot", "mybot", "policy", "Specific node",
                    "node", "node-tokyo-1", "days", "0"));
            assertThat(backDone.category()).as(backDone.payload().msg()).isEqualTo(Category.END);
            assertThat(world.ledger().demands()).as("moving back costs nothing").hasSize(before);
            Threebot home = Internals.storedThreebots(deployer, "ann").get(0);
            assertThat(home.nodeId()).isEqualTo("node-tokyo-1");
            assertThat(home.poolId()).as("the pool left on tokyo-hub is used again").isEqualTo(first.poolId());
        }
    }

    @Test
    void anotherOwnersBotCannotBeMoved() {
        try (ThreebotDeployer deployer = world.start()) {
            assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of()).category()).isEqualTo(Category.END);
            Threebot bot = Internals.storedThreebots(deployer, "ann").get(0);
            assertThatThrownBy(() -> deployer.forOwner("eve").startChat(Flow.CHANGE_LOCATION))
                    .as("eve sees none of ann's 3Bots").isInstanceOf(ThreebotNotFoundException.class)
                    .hasMessage("You have no 3Bot yet: deploy one first.");
            assertThatThrownBy(() -> deployer.forOwner("eve").startChat(Flow.CHANGE_LOCATION, bot.uuid()))
                    .isInstanceOf(ThreebotNotFoundException.class);
            assertThat(Internals.storedThreebots(deployer, "ann").get(0)).isEqualTo(bot);
        }
    }

    @Test
    void theServiceMovesByAnyPolicyAndRefusesOneWithoutRoom() {
        try (ThreebotDeployer deployer = world.start()) {
            assertThat(ChatDriver.start(deployer, "ann").runToEnd(Map.of("policy", "Farm", "farm", "freefarm"))
                    .category()).isEqualTo(Category.END);
            ThreebotService bots = Internals.lifecycle(deployer);
            Threebot bot = Internals.storedThreebots(deployer, "ann").get(0);
            String pw = ChatDriver.DEFAULTS.get("password");

            assertThatThrownBy(() -> bots.changeLocation("ann", bot.uuid(), pw,
                    LocationPolicy.parse("continent:Atlantis"),
                    Optional.empty(), Progress.silent())).isInstanceOf(InvalidStateException.class)
                    .hasMessage("No farm at continent:Atlantis has room for a Silver 3Bot now.");
            assertThatThrownBy(() -> bots.changeLocation("ann", bot.uuid(), pw, LocationPolicy.node("node-nowhere"),
                    Optional.empty(), Progress.silent())).isInstanceOf(InvalidStateException.class)
                    .hasMessage("Node node-nowhere is not on the grid.");
            assertThat(Internals.storedThreebots(deployer, "ann").get(0)).as("nothing changed").isEqualTo(bot);

            String paid = bots.requestPayment("ann", bot.uuid(), Purchase.changeLocation(2)).id();
            Threebot inAsia = bots.changeLocation("ann", bot.uuid(), pw, LocationPolicy.parse("CONTINENT:asia"),
                    Optional.of(paid), Progress.silent());
            assertThat(inAsia.continent()).isEqualTo("Asia");

            Threebot onNode = bots.changeLocation("ann", inAsia.uuid(), pw, LocationPolicy.parse("node:node-ghent-1"),
                    Optional.empty(), Progress.silent());
            assertThat(onNode.nodeId()).as("back on freefarm, on its first pool").isEqualTo("node-ghent-1");
            assertThat(onNode.poolId()).isEqualTo(bot.poolId());
        }
    }

    @Test
    void locationPoliciesReadAsText() {
        assertThat(LocationPolicy.parse("automatic")).isEqualTo(LocationPolicy.automatic());
        assertThat(LocationPolicy.parse(" Farm:tokyo-hub ")).isEqualTo(LocationPolicy.farm("tokyo-hub"));
        assertThat(LocationPolicy.parse("node:n-1").toString()).isEqualTo("node:n-1");
        assertThatThrownBy(() -> LocationPolicy.parse("continent:")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("location 'continent:' needs a name after the colon");
        assertThatThrownBy(() -> LocationPolicy.parse("moon:base")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("automatic, continent:NAME, farm:NAME or node:ID");
    }
}
