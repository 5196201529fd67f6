package io.threebot.deployer.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.Internals;
import io.threebot.deployer.ThreebotDeployer;
import io.threebot.deployer.chat.Category;
import io.threebot.deployer.chat.ChatMessage;
import io.threebot.deployer.model.Farm;
import io.threebot.deployer.model.Location;
import io.threebot.deployer.model.Node;
import io.threebot.deployer.model.ResourceUnits;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.model.Gateway;
import io.threebot.deployer.testing.ChatDriver;
import io.threebot.deployer.testing.TestWorld;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocationPolicyTest {

    private static Threebot deploy(TestWorld world, Map<String, String> answers) {
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatMessage last = ChatDriver.start(deployer, "bob").runToEnd(answers);
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
            Threebot bot = Internals.storedThreebots(deployer, "bob").get(0);
            assertThat(bot.state()).isEqualTo(ThreebotState.RUNNING);
            return bot;
        }
    }

    @Test
    void continentPolicyOffersOnlyContinentsWithFarmsAndDeploysThere() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver chat = ChatDriver.start(deployer, "bob");
            ChatMessage policy = chat.answerUntil("policy", Map.of());
            assertThat(policy.options()).containsExactly("Automatic", "Continent", "Farm", "Specific node");
            ChatMessage continent = chat.answer("policy", "Continent");
            assertThat(continent.options()).containsExactly("Asia", "Europe", "North America");
        }
        Threebot bot = deploy(TestWorld.sample(), Map.of("policy", "Continent", "continent", "North America"));
        assertThat(bot.continent()).isEqualTo("North America");
        assertThat(bot.farmName()).isEqualTo("greenedge");
        assertThat(bot.nodeId()).startsWith("node-toronto-");
    }

    @Test
    void farmPolicyDeploysOnTheChosenFarmAndHidesFarmsWithoutAnAccessNode() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver chat = ChatDriver.start(deployer, "bob");
            ChatMessage farm = chat.answerUntil("farm", Map.of("policy", "Farm"));
            assertThat(farm.options()).containsExactlyInAnyOrder("freefarm", "alpine-farm", "greenedge", "tokyo-hub")
                    .doesNotContain("unplaced-farm");
        }
        Threebot bot = deploy(TestWorld.sample(), Map.of("policy", "Farm", "farm", "tokyo-hub"));
        assertThat(bot.farmName()).isEqualTo("tokyo-hub");
        assertThat(bot.nodeId()).isEqualTo("node-tokyo-1");
        assertThat(bot.continent()).isEqualTo("Asia");
    }

    @Test
    void specificNodePolicyDeploysOnThatNode() {
        Threebot bot = deploy(TestWorld.sample(), Map.of("policy", "Specific node", "node", "node-vienna-2"));
        assertThat(bot.nodeId()).isEqualTo("node-vienna-2");
        assertThat(bot.farmName()).isEqualTo("alpine-farm");
    }

    @Test
    void automaticPolicyDeploysOnAnEligibleFarm() {
        Threebot bot = deploy(TestWorld.sample(), Map.of());
        assertThat(bot.farmName()).isIn("freefarm", "alpine-farm", "greenedge", "tokyo-hub");
    }

    @Test
    void continentIsNotOfferedWhenNoFarmHasOne() {
        TestWorld world = TestWorld.empty();
        addFarm(world, 1, "nowhere", new Location("", "", ""), new ResourceUnits(8, 32, 500, 0));
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatDriver chat = ChatDriver.start(deployer, "bob");
            ChatMessage policy = chat.answerUntil("policy", Map.of());
            assertThat(policy.options()).containsExactly("Automatic", "Farm", "Specific node");
            ChatMessage refused = chat.answer("policy", "Continent");
            assertThat(refused.validationError()).hasValueSatisfying(e -> assertThat(e).contains("Choose one of"));
        }
    }

    @Test
    void noFarmWithRoomEndsTheFlowWithAClearMessage() {
        TestWorld world = TestWorld.empty();
        addFarm(world, 1, "small", new Location("Europe", "", ""), new ResourceUnits(1, 2, 4, 0));
        try (ThreebotDeployer deployer = world.deployer()) {
            ChatMessage last = ChatDriver.start(deployer, "bob").runToEnd(Map.of("flavor",
                    "Platinum (CPU 4 - Memory 8 GB - Disk 8 GB [SSD])"));
            assertThat(last.category()).isEqualTo(Category.ERROR);
            assertThat(last.payload().msg()).contains("No farm has enough free capacity for a Platinum 3Bot");
            assertThat(Internals.storedThreebots(deployer, "bob")).isEmpty();
        }
    }

    @Test
    void overProvisioningIgnoresCpuAndMemoryButNotDisk() {
        TestWorld world = TestWorld.empty();
        addFarm(world, 1, "busy", new Location("Europe", "", ""), new ResourceUnits(0.5, 1, 100, 0));
        try (ThreebotDeployer strict = world.deployer()) {
            ChatMessage last = ChatDriver.start(strict, "bob").runToEnd(Map.of());
            assertThat(last.payload().msg()).contains("No farm has enough free capacity");
        }
        try (ThreebotDeployer relaxed = world.deployer(TestWorld.fastSettings()
                .fromEnvironment(Map.of("OVER_PROVISIONING", "true")).build())) {
            ChatMessage last = ChatDriver.start(relaxed, "bob").runToEnd(Map.of());
            assertThat(last.category()).as(last.payload().msg()).isEqualTo(Category.END);
        }
        addFarm(world, 2, "nodisk", new Location("Asia", "", ""), new ResourceUnits(64, 256, 1, 0));
        try (ThreebotDeployer relaxed = world.deployer(TestWorld.fastSettings().overProvisioning(true).build())) {
            ChatDriver chat = ChatDriver.start(relaxed, "bob");
            assertThat(chat.answerUntil("farm", Map.of("name", "other", "policy", "Farm")).options())
                    .containsExactly("busy");
        }
    }

    @Test
    void testCertIsPassedToThe3Bot() {
        TestWorld world = TestWorld.sample();
        try (ThreebotDeployer deployer = world.deployer(TestWorld.fastSettings()
                .fromEnvironment(Map.of("TEST_CERT", "1")).build())) {
            ChatDriver.start(deployer, "bob").runToEnd(Map.of());
            Threebot bot = Internals.storedThreebots(deployer, "bob").get(0);
            var container = (io.threebot.deployer.model.ContainerSpec) world.grid.getWorkload(
                    bot.workloadIds().get(2)).orElseThrow().spec();
            assertThat(container.environment()).containsEntry("TEST_CERT", "true");
        }
    }

    /** A farm with one access node of the given free capacity and a gateway. */
    static void addFarm(TestWorld world, long id, String name, Location location, ResourceUnits total) {
        Instant now = Instant.now();
        world.grid.addFarm(new Farm(id, name, location));
        world.grid.addNode(new Node(name + "-node", id, location, total, ResourceUnits.ZERO, ResourceUnits.ZERO, now,
                Optional.of("185.1.1." + id + "/24"), Optional.of("2a02::" + id + "/64"), "00", false));
        world.grid.addGateway(new Gateway(name + "-gw", id, location, List.of("3bot." + name + ".grid.tf"),
                List.of("ns." + name + ".grid.tf"), 6060, now, "00"), "10.20.30." + id);
    }
}
