package io.threebot.deployer.tfgrid.hosting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.JournalEntry;
import io.threebot.deployer.tfgrid.deploy.Placement;
import io.threebot.deployer.tfgrid.deploy.WireguardKey;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The JSON of a plan and of journal entries reads back to the very same records, and bad text is a typed error. */
class HostingCodecTest {
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A random WireGuard key pair (the codec reads any base64 of 32 bytes). */
    static WireguardKey key() {
        byte[] a = new byte[32];
        byte[] b = new byte[32];
        RANDOM.nextBytes(a);
        RANDOM.nextBytes(b);
        return new WireguardKey(Base64.getEncoder().encodeToString(a), Base64.getEncoder().encodeToString(b));
    }

    private static DeploymentPlan plan() {
        Placement at = new Placement(12, 112, 3, 40, 140, "185.69.166.10", "3bot.grid.tf");
        return new DeploymentPlan("mybot-7", 77, BotSize.of(Flavor.GOLD), at, "https://hub.grid.tf/x/y.flist",
                Map.of("THREEBOT_SECRET", "7:\"quoted\"\n{json}", "SSHKEY", "ssh-ed25519 AAAA user@host", "EMPTY", ""),
                201, key(), 4321, key(), 5432, key(), 5, 3);
    }

    @Test
    void aPlanReadsBackEqualWithItsKeysAndEnvironment() {
        DeploymentPlan plan = plan();
        String json = HostingCodec.plan(plan);
        DeploymentPlan back = HostingCodec.readPlan(json);
        assertThat(back).isEqualTo(plan);
        assertThat(back.userWireguardConfig()).isEqualTo(plan.userWireguardConfig());
        assertThat(back.vmIp()).isEqualTo("10.201.5.3");
        assertThat(json).contains(plan.userKey().privateKey()).contains(plan.vmNodeKey().privateKey());
    }

    @Test
    void journalEntriesReadBackEqual() {
        for (JournalEntry.Step step : JournalEntry.Step.values()) {
            for (boolean ready : new boolean[] {false, true}) {
                JournalEntry entry = new JournalEntry(step, step == JournalEntry.Step.NAME ? 0 : 9,
                        1000L + step.ordinal(), step == JournalEntry.Step.NAME ? "" : "0123456789abcdef0123456789abcdef",
                        ready);
                assertThat(HostingCodec.readEntry(HostingCodec.entry(entry))).isEqualTo(entry);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "not json", "[1,2]", "{\"v\":1}", "{\"v\":2,\"step\":\"VM\"}",
            "{\"v\":1,\"step\":\"DISK\",\"nodeId\":1,\"contractId\":2,\"deploymentHash\":\"\",\"ready\":true}",
            "{\"v\":1,\"step\":\"VM\",\"nodeId\":-1,\"contractId\":2,\"deploymentHash\":\"\",\"ready\":true}",
            "{\"v\":1,\"step\":\"VM\",\"nodeId\":1,\"contractId\":2.5,\"deploymentHash\":\"\",\"ready\":true}",
            "{\"v\":1,\"step\":\"VM\",\"nodeId\":1,\"contractId\":2,\"deploymentHash\":\"\",\"ready\":\"yes\"}",
            "{\"v\":1,\"step\":\"VM\",\"nodeId\":1,\"contractId\":99999999999999999999999,\"deploymentHash\":\"\","
                    + "\"ready\":true}"})
    void aMalformedEntryIsATypedErrorNamingIt(String text) {
        assertThatThrownBy(() -> HostingCodec.readEntry(text)).isInstanceOf(InvalidInputException.class)
                .hasMessageStartingWith("the stored journal entry");
    }

    @Test
    void aMalformedPlanIsATypedErrorNamingWhatIsWrong() {
        String json = HostingCodec.plan(plan());
        assertThatThrownBy(() -> HostingCodec.readPlan(json.replace("\"rangeOctet\":201", "\"rangeOctet\":\"201\"")))
                .isInstanceOf(InvalidInputException.class).hasMessage("the stored plan rangeOctet is not a whole "
                        + "number of 0 or more");
        assertThatThrownBy(() -> HostingCodec.readPlan(json.replace("\"gatewayIp\"", "\"gatewayIP\"")))
                .isInstanceOf(InvalidInputException.class).hasMessage("the stored plan.placement has no gatewayIp");
        assertThatThrownBy(() -> HostingCodec.readPlan(json.replace("\"rangeOctet\":201", "\"rangeOctet\":300")))
                .isInstanceOf(DeployerException.class).hasMessageContaining("range octet");
        assertThatThrownBy(() -> HostingCodec.readPlan(json.replace("\"vmHost\":3", "\"vmHost\":4294967296")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("vmHost is too large");
        assertThatThrownBy(() -> HostingCodec.readPlan("{\"v\":1,\"pad\":\"" + "x".repeat(HostingCodec.MAX_CHARS)
                + "\"}")).isInstanceOf(InvalidInputException.class).hasMessageContaining("longer than");
        assertThatThrownBy(() -> HostingCodec.readPlan(null)).isInstanceOf(InvalidInputException.class);
    }

    @Test
    void whereTheUserLetTheBotGoReadsBackAndAPlanWithoutItHasNone() {
        DeploymentPlan plan = plan();
        PlacementChoice farms = new PlacementChoice(List.of(3L, 9L), Optional.empty());
        String json = HostingCodec.plan(plan, Optional.of(farms));
        assertThat(HostingCodec.readPlan(json)).isEqualTo(plan);
        assertThat(HostingCodec.readChoice(json)).contains(farms);
        PlacementChoice node = new PlacementChoice(List.of(), Optional.of(12L));
        assertThat(HostingCodec.readChoice(HostingCodec.plan(plan, Optional.of(node)))).contains(node);
        assertThat(HostingCodec.readChoice(HostingCodec.plan(plan))).isEmpty();
        assertThatThrownBy(() -> HostingCodec.readChoice(json.replace("\"farms\":[3,9]", "\"farms\":[3,\"x\"]")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("not a farm id");
        assertThatThrownBy(() -> HostingCodec.readChoice(json.replace("\"farms\":[3,9]", "\"farms\":3")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("farms is not a list");
    }

    @Test
    void aJournalWithARefusalAndANewPlacementReadsAsTheNewPlanWithTheOldContractsGivenUp() {
        DeploymentPlan first = plan();
        DeploymentPlan again = new DeploymentPlan(first.name(), first.twinId(), first.size(),
                first.placement().withNode(13, 113, 3), first.flist(), first.env(), first.rangeOctet(), key(), 6000,
                first.gatewayKey(), first.gatewayPort(), first.userKey(), first.vmSubnet(), first.vmHost());
        List<String> journal = new ArrayList<>(List.of(
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.NETWORK, 12, 100, "a".repeat(32), true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.NETWORK, 40, 101, "b".repeat(32), true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.VM, 12, 102, "c".repeat(32), false)),
                HostingCodec.refused(12)));

        JournaledDeploy refused = JournaledDeploy.read(first, journal);
        assertThat(refused.plan()).isEqualTo(first);
        assertThat(refused.refusalPending()).isTrue();
        assertThat(refused.refusedNodes()).containsExactly(12L);
        assertThat(refused.givenUp()).isEmpty();
        assertThat(refused.bot().contractIds()).containsExactly(100L, 101L, 102L);

        journal.add(HostingCodec.placed(again));
        journal.add(HostingCodec.entry(new JournalEntry(JournalEntry.Step.NETWORK, 13, 103, "d".repeat(32), false)));
        JournaledDeploy placed = JournaledDeploy.read(first, journal);
        assertThat(placed.plan()).isEqualTo(again);
        assertThat(placed.refusalPending()).isFalse();
        assertThat(placed.placements()).isEqualTo(1);
        assertThat(placed.refusedNodes()).containsExactly(12L);
        assertThat(placed.givenUp()).containsExactly(100L, 101L, 102L);
        assertThat(placed.bot().contractIds()).containsExactly(103L);
        assertThat(placed.bot().plan().placement().nodeId()).isEqualTo(13);

        JournaledDeploy plain = JournaledDeploy.read(first, journal.subList(0, 3));
        assertThat(plain.refusalPending()).isFalse();
        assertThat(plain.placements()).isZero();
        assertThatThrownBy(() -> JournaledDeploy.read(first, List.of("{\"v\":1,\"step\":\"PLACED\",\"plan\":3}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("plan is not an object");
        assertThatThrownBy(() -> JournaledDeploy.read(first, List.of("{\"v\":1,\"step\":\"REFUSED\"}")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("has no nodeId");
    }

    @Test
    void theNameContractJournaledBeforeANewPlacementStaysTheBots() {
        DeploymentPlan first = plan();
        JournaledDeploy read = JournaledDeploy.read(first, List.of(
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.NAME, 0, 90, "", true)),
                HostingCodec.entry(new JournalEntry(JournalEntry.Step.VM, 12, 102, "c".repeat(32), false)),
                HostingCodec.refused(12), HostingCodec.placed(first)));
        assertThat(read.bot().nameContract().map(JournalEntry::contractId)).contains(90L);
        assertThat(read.givenUp()).containsExactly(102L);
    }

    @Test
    void whereAChangesNewVmMayGoReadsBackBesideTheUsersChoiceAndAPlanWithoutItHasNone() {
        DeploymentPlan plan = plan();
        PlacementChoice original = new PlacementChoice(List.of(3L), Optional.empty());
        ChangeScope resize = new ChangeScope(true, new PlacementChoice(List.of(3L), Optional.empty()));
        String json = HostingCodec.changePlan(plan, Optional.of(original), resize);
        assertThat(HostingCodec.readPlan(json)).isEqualTo(plan);
        assertThat(HostingCodec.readChoice(json)).contains(original);
        assertThat(HostingCodec.readChangeScope(json)).contains(resize);
        ChangeScope pinned = new ChangeScope(false, new PlacementChoice(List.of(), Optional.of(14L)));
        assertThat(HostingCodec.readChangeScope(HostingCodec.changePlan(plan, Optional.empty(), pinned)))
                .contains(pinned);
        assertThat(HostingCodec.readChangeScope(HostingCodec.plan(plan, Optional.of(original)))).isEmpty();
        assertThatThrownBy(() -> HostingCodec.readChangeScope(json.replace("\"resize\":true", "\"resize\":1")))
                .isInstanceOf(InvalidInputException.class).hasMessageContaining("plan.change resize is not true");
        assertThatThrownBy(() -> HostingCodec.readChangeScope(json.replace("\"change\":{", "\"change\":[{")
                .replace("}}", "}]}"))).isInstanceOf(InvalidInputException.class)
                .hasMessageContaining("change is not an object");
    }

    @Test
    void theUserReadsWhereARefusedResizeOrMoveGoes() {
        DeploymentPlan old = plan();
        io.threebot.deployer.tfgrid.deploy.DeployedBot bot = new io.threebot.deployer.tfgrid.deploy.DeployedBot(old,
                List.of());
        DeploymentPlan second = new DeploymentPlan(old.name(), old.twinId(), old.size(),
                old.placement().withNode(13, 113, 3), old.flist(), old.env(), old.rangeOctet(), key(), 6000,
                old.gatewayKey(), old.gatewayPort(), old.userKey(), 2, 2);
        DeploymentPlan third = new DeploymentPlan(old.name(), old.twinId(), old.size(),
                old.placement().withNode(15, 115, 3), old.flist(), old.env(), old.rangeOctet(), key(), 6001,
                old.gatewayKey(), old.gatewayPort(), old.userKey(), 2, 2);
        Optional<ChangeScope> resize = Optional.of(new ChangeScope(true, new PlacementChoice(List.of(3L),
                Optional.empty())));
        assertThat(JournaledChange.placedWords(bot, old, second, resize)).isEqualTo("The 3Bot moves to node 13 of "
                + "its farm because its node 12 has no room for it at its new size; it keeps answering until the new "
                + "one does.");
        assertThat(JournaledChange.placedWords(bot, second, third, resize)).isEqualTo("The 3Bot moves to node 15 of "
                + "its farm because node 13 has no room for it at its new size; it keeps answering until the new one "
                + "does.");
        Optional<ChangeScope> move = Optional.of(new ChangeScope(false, new PlacementChoice(List.of(3L),
                Optional.empty())));
        assertThat(JournaledChange.placedWords(bot, second, third, move)).isEqualTo("Node 13 has no room for the "
                + "3Bot; it moves to node 15 instead, and keeps answering until the new one does.");
    }
}
