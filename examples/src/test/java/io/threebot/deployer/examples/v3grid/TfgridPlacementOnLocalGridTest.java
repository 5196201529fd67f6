package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingOrder;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.hosting.TfgridHosting;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Where {@link TfgridHosting} puts 3Bots on a {@link LocalV3Grid}: deploys planned at once spread over the nodes that
 * fit and all run; a VM its node refuses for capacity goes to another node of the user's farms, with no contract left
 * on the refusing node and the user's address and WireGuard configuration unchanged; a kill at each point of that
 * re-placement resumes without making any contract twice. A resize's or move's new VM its node refuses goes to another
 * node of the 3Bot's farm or of the farms chosen for the move, likewise, and ends running there. The chain makes a
 * block every 50 ms.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TfgridPlacementOnLocalGridTest {
    private static final long TFT = TfchainRuntime.ONE_TFT;
    private static final Map<String, String> ENV = Map.of("THREEBOT_SECRET", "7:0badc0ffee", "SSHKEY", "");
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger names = new AtomicInteger();
    private LocalV3Grid grid;
    private GridProxyClient proxy;

    @BeforeAll
    void start() throws Exception {
        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(50)).build()).workloadDelay(Duration.ofMillis(20)).build());
        proxy = GridProxyClient.builder().baseUrl(grid.proxyUrl()).deadline(Duration.ofSeconds(10)).build();
    }

    @AfterEach
    void clearFaults() {
        grid.nodes().forEach(SimulatedZosNode::clearFaults);
    }

    @AfterAll
    void stop() {
        if (grid != null) {
            grid.close();
        }
    }

    /** An engine of its own: what one engine placed lately is its own memory. */
    private ThreebotGrid engine() {
        return ThreebotGrid.builder().substrate(grid.substrateUrl()).relay(grid.relayUrl()).gridProxy(proxy)
                .operator(SampleChainTopology.key("foundation")).callDeadline(Duration.ofSeconds(20))
                .readyDeadline(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).build();
    }

    private TfgridHosting hosting(ThreebotGrid engine) {
        return TfgridHosting.builder().grid(engine).gridProxy(proxy).network("local")
                .tftPriceMusd(grid.chain().config().tftPriceMusd()).build();
    }

    private IdentityKeys funded(TfgridHosting hosting) {
        IdentityKeys keys = IdentityKeys.generate(random);
        hosting.topUp(hosting.account(keys), 100 * TFT);
        return keys;
    }

    private HostingOrder inFarm(String prefix, String farm) {
        return new HostingOrder(prefix + names.incrementAndGet(), Flavor.SILVER, List.of(farmId(farm)),
                Optional.empty(), ENV);
    }

    private long nodeId(String serial) {
        return grid.chain().nodes().stream().filter(n -> n.serialNumber().equalsIgnoreCase(serial)).findFirst()
                .orElseThrow().id();
    }

    private long farmId(String name) {
        return grid.chain().farms().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().id();
    }

    private long twinOf(TfgridHosting hosting, IdentityKeys keys) {
        return grid.chain().twinOf(hosting.account(keys)).orElseThrow().id();
    }

    /** The twin's live contracts on the chain. */
    private List<Contract> contractsOf(TfgridHosting hosting, IdentityKeys keys) {
        long twin = twinOf(hosting, keys);
        return grid.chain().snapshot().contracts().values().stream().filter(c -> c.twinId() == twin).toList();
    }

    /** A plan in freefarm whose VM is not on the gateway node (whose refusal would leave the gateway's contracts). */
    private HostingPlan planOffTheGateway(TfgridHosting hosting, IdentityKeys keys, String prefix) throws Exception {
        long gateway = nodeId("GW-GHENT-1");
        for (int i = 0; i < 30; i++) {
            HostingPlan plan = hosting.plan(keys, inFarm(prefix, "freefarm"));
            if (Long.parseLong(plan.nodeId()) != gateway) {
                return plan;
            }
        }
        throw new AssertionError("every placement went to the gateway node");
    }

    /** A funded 3Bot's plan in freefarm whose node now refuses VMs for capacity. */
    private record Refusing(TfgridHosting hosting, IdentityKeys keys, HostingPlan plan, long node) {
    }

    private Refusing refusing(ThreebotGrid engine, String prefix) throws Exception {
        TfgridHosting hosting = hosting(engine);
        IdentityKeys keys = funded(hosting);
        HostingPlan plan = planOffTheGateway(hosting, keys, prefix);
        long node = Long.parseLong(plan.nodeId());
        grid.node(node).orElseThrow().setRefusingCapacity(true);
        return new Refusing(hosting, keys, plan, node);
    }

    @Test
    void twelveDeploysPlannedAtOnceAllRunAndSpreadOverTheFarmsNodes() throws Exception {
        try (ThreebotGrid engine = engine()) {
            TfgridHosting hosting = hosting(engine);
            int n = 12;
            List<IdentityKeys> keys = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                keys.add(funded(hosting));
            }
            ExecutorService users = Executors.newFixedThreadPool(n);
            List<HostedThreebot> bots = Collections.synchronizedList(new ArrayList<>());
            try {
                List<Future<HostedThreebot>> running = new ArrayList<>();
                for (IdentityKeys k : keys) {
                    running.add(users.submit(() -> {
                        HostingPlan plan = hosting.plan(k, inFarm("many", "freefarm"));
                        return hosting.deploy(k, plan, List.of(), entry -> { }, Progress.silent());
                    }));
                }
                for (Future<HostedThreebot> f : running) {
                    bots.add(f.get(3, TimeUnit.MINUTES));
                }
            } finally {
                users.shutdownNow();
            }
            Map<String, Long> perNode = bots.stream().collect(Collectors.groupingBy(b -> b.plan().nodeId(),
                    Collectors.counting()));
            assertThat(perNode).as("12 VMs on freefarm's nodes").hasSizeGreaterThan(1);
            for (HostedThreebot bot : bots) {
                assertThat(hosting.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
                assertThat(grid.resolve(bot.plan().fqdn()).flatMap(LocalV3Grid.NameRoute::machine).orElseThrow()
                        .nodeId()).isEqualTo(Long.parseLong(bot.plan().nodeId()));
            }
            BotSize silver = BotSize.of(Flavor.SILVER);
            perNode.forEach((node, count) -> assertThat(count * silver.memoryBytes()).as("VMs on node " + node)
                    .isLessThanOrEqualTo(grid.node(Long.parseLong(node)).orElseThrow().node().resources().mru()));
            for (int i = 0; i < n; i++) {
                hosting.destroy(keys.get(i), bots.get(i).plan(), bots.get(i).journaled());
            }
        }
    }

    @Test
    void aVmItsNodeRefusesForCapacityGoesToAnotherNodeOfTheFarmAndNoContractStaysOnTheRefusingNode()
            throws Exception {
        try (ThreebotGrid engine = engine()) {
            Refusing setUp = refusing(engine, "moved");
            TfgridHosting hosting = setUp.hosting();
            IdentityKeys keys = setUp.keys();
            HostingPlan plan = setUp.plan();
            long refusing = setUp.node();
            List<String> journal = new ArrayList<>();
            List<String> progress = new ArrayList<>();

            HostedThreebot bot = hosting.deploy(keys, plan, List.of(), journal::add, progress::add);

            long placed = Long.parseLong(bot.plan().nodeId());
            assertThat(placed).isNotEqualTo(refusing);
            assertThat(bot.plan().farmId()).isEqualTo(farmId("freefarm"));
            assertThat(bot.plan().fqdn()).isEqualTo(plan.fqdn());
            assertThat(bot.plan().wireGuardConfig()).isEqualTo(plan.wireGuardConfig());
            assertThat(bot.plan().privateIp()).isEqualTo(plan.privateIp());
            assertThat(bot.journaled()).isEqualTo(journal);
            assertThat(journal).filteredOn(line -> line.contains("\"step\":\"REFUSED\"")).hasSize(1);
            assertThat(journal).filteredOn(line -> line.contains("\"step\":\"PLACED\"")).hasSize(1);
            assertThat(progress).contains("Node " + refusing + " has no room for the 3Bot's virtual machine; "
                    + "placing it on another node", "Placed the 3Bot's virtual machine on node " + placed
                    + " instead");
            assertThat(contractsOf(hosting, keys)).extracting(Contract::nodeId).doesNotContain(refusing);
            assertThat(grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine).orElseThrow().nodeId())
                    .isEqualTo(placed);
            assertThat(hosting.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
            // the deployer keeps the sealed plan and the journal: read with them, the 3Bot is where it went
            HostedThreebot asKept = new HostedThreebot(bot.account(), plan, journal);
            assertThat(hosting.status(asKept, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
            HostedThreebot stopped = hosting.stop(keys, asKept);
            assertThat(stopped.plan().nodeId()).isEqualTo(bot.plan().nodeId());
            assertThat(contractsOf(hosting, keys)).hasSize(1);

            hosting.destroy(keys, plan, journal);
            assertThat(contractsOf(hosting, keys)).isEmpty();
        }
    }

    @Test
    void aVmOnANodeTheUserChoseIsNotPlacedElsewhereAndNothingIsLeft() throws Exception {
        try (ThreebotGrid engine = engine()) {
            TfgridHosting hosting = hosting(engine);
            IdentityKeys keys = funded(hosting);
            long node = nodeId("NODE-GHENT-3");
            HostingPlan plan = hosting.plan(keys, new HostingOrder("pinned" + names.incrementAndGet(),
                    Flavor.SILVER, List.of(), Optional.of(String.valueOf(node)), ENV));
            grid.node(node).orElseThrow().setRefusingCapacity(true);

            HostingException e = catchThrowableOfType(() -> hosting.deploy(keys, plan, List.of(), entry -> { },
                    Progress.silent()), HostingException.class);

            assertThat(e.kind()).isEqualTo(HostingException.Kind.DEPLOYMENT_FAILED);
            assertThat(e.getMessage()).isEqualTo("The 3Bot could not be deployed: node " + node + " has no room for "
                    + "its virtual machine, and it may go on no other node. Please try again later, or choose "
                    + "another location.");
            assertThat(contractsOf(hosting, keys)).isEmpty();
        }
    }

    @Test
    void aKillAtEachPointOfAReplacementResumesWithoutMakingAnyContractTwice() throws Exception {
        // killed while journaling the refusal, the new placement, and the first step of the new plan
        List<String> at = List.of("REFUSED", "PLACED", "after PLACED");
        for (int k = 0; k < at.size(); k++) {
            String killAt = at.get(k);
            try (ThreebotGrid engine = engine()) {
                Refusing setUp = refusing(engine, "killed");
                TfgridHosting hosting = setUp.hosting();
                IdentityKeys keys = setUp.keys();
                long refusing = setUp.node();
                long before = grid.chain().snapshot().lastContractId();
                List<String> journal = new ArrayList<>();
                assertThatThrownBy(() -> hosting.deploy(keys, setUp.plan(), List.of(), entry -> {
                    boolean placedBefore = journal.stream().anyMatch(l -> l.contains("\"step\":\"PLACED\""));
                    boolean kill = killAt.equals("after PLACED") ? placedBefore
                            : entry.contains("\"step\":\"" + killAt + "\"");
                    if (kill) {
                        throw new IllegalStateException("killed");
                    }
                    journal.add(entry);
                }, Progress.silent())).as("killed at " + killAt).hasMessage("killed");

                HostedThreebot bot = hosting.deploy(keys, setUp.plan(), List.copyOf(journal), journal::add,
                        Progress.silent());

                long placed = Long.parseLong(bot.plan().nodeId());
                assertThat(placed).as(killAt).isNotEqualTo(refusing);
                List<Contract> live = contractsOf(hosting, keys);
                boolean onGateway = placed == nodeId("GW-GHENT-1");
                int expected = onGateway ? 4 : 5;
                assertThat(live).as(killAt).hasSize(expected);
                assertThat(live).extracting(Contract::nodeId).as(killAt).doesNotContain(refusing);
                // the refused attempt made the networks and the VM (3) once, the new plan its contracts once
                assertThat(grid.chain().snapshot().lastContractId() - before).as("contracts made, killed at " + killAt)
                        .isEqualTo(3 + expected);
                assertThat(journal).filteredOn(l -> l.contains("\"step\":\"PLACED\"")).as(killAt).hasSize(1);
                assertThat(hosting.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
                hosting.destroy(keys, setUp.plan(), journal);
                assertThat(contractsOf(hosting, keys)).isEmpty();
                grid.node(refusing).orElseThrow().setRefusingCapacity(false);
            }
        }
    }

    /** A funded 3Bot deployed in freefarm off the gateway node. */
    private record Running(TfgridHosting hosting, IdentityKeys keys, HostedThreebot bot, long node) {
    }

    private Running running(ThreebotGrid engine, String prefix) throws Exception {
        TfgridHosting hosting = hosting(engine);
        IdentityKeys keys = funded(hosting);
        HostedThreebot bot = hosting.deploy(keys, planOffTheGateway(hosting, keys, prefix), List.of(), entry -> { },
                Progress.silent());
        return new Running(hosting, keys, bot, Long.parseLong(bot.plan().nodeId()));
    }

    /** A change of the 3Bot to this size, on the farms or node given (none: a resize on its node). */
    private static HostingOrder changeOrder(HostedThreebot bot, Flavor flavor, List<Long> farms,
            Optional<String> node) {
        return new HostingOrder(bot.plan().fqdn(), flavor, farms, node, Map.of());
    }

    private long servingNode(HostedThreebot bot) {
        return grid.resolve(bot.plan().fqdn()).flatMap(LocalV3Grid.NameRoute::machine).orElseThrow().nodeId();
    }

    /** The 3Bot runs and its name leads to its VM on this node. */
    private void assertRunsOn(TfgridHosting hosting, HostedThreebot bot, long node) throws Exception {
        assertThat(servingNode(bot)).isEqualTo(node);
        assertThat(hosting.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
    }

    /** Destroys the 3Bot as the deployer keeps it, and no contract of its twin is left. */
    private void destroyLeavingNothing(TfgridHosting hosting, IdentityKeys keys, HostedThreebot bot) {
        hosting.destroy(keys, bot.plan(), bot.journaled());
        assertThat(contractsOf(hosting, keys)).isEmpty();
    }

    @Test
    void aResizeWhoseNodeHasNoRoomGoesToAnotherNodeOfItsFarmAndRunsThereWithNoContractLeftOnIt() throws Exception {
        try (ThreebotGrid engine = engine()) {
            Running setUp = running(engine, "grown");
            TfgridHosting hosting = setUp.hosting();
            IdentityKeys keys = setUp.keys();
            long own = setUp.node();
            HostingPlan gold = hosting.planChange(keys, setUp.bot(), Flavor.GOLD,
                    changeOrder(setUp.bot(), Flavor.GOLD, List.of(), Optional.empty()));
            assertThat(gold.nodeId()).isEqualTo(String.valueOf(own));
            grid.node(own).orElseThrow().setRefusingCapacity(true);
            List<String> journal = new ArrayList<>();
            List<String> progress = new ArrayList<>();

            HostedThreebot resized = hosting.change(keys, setUp.bot(), gold, List.of(), journal::add, progress::add);

            long placed = Long.parseLong(resized.plan().nodeId());
            assertThat(placed).isNotEqualTo(own).isNotEqualTo(nodeId("GW-GHENT-1"));
            assertThat(resized.plan().farmId()).isEqualTo(farmId("freefarm"));
            assertThat(resized.plan().fqdn()).isEqualTo(setUp.bot().plan().fqdn());
            assertThat(resized.plan().wireGuardConfig()).isEqualTo(setUp.bot().plan().wireGuardConfig());
            assertThat(resized.plan().privateIp()).isNotEqualTo(setUp.bot().plan().privateIp());
            assertThat(progress).contains("The 3Bot moves to node " + placed + " of its farm because its node " + own
                    + " has no room for it at its new size; it keeps answering until the new one does.");
            assertThat(journal).filteredOn(line -> line.contains("\"step\":\"REFUSED\"")).hasSize(1);
            assertThat(journal).filteredOn(line -> line.contains("\"step\":\"PLACED\"")).hasSize(1);
            assertRunsOn(hosting, resized, placed);
            assertThat(contractsOf(hosting, keys)).extracting(Contract::nodeId).doesNotContain(own);
            assertThat(contractsOf(hosting, keys)).hasSize(5);
            destroyLeavingNothing(hosting, keys, resized);
        }
    }

    @Test
    void aMoveWhoseChosenNodeHasNoRoomGoesToAnotherNodeOfTheFarmsChosen() throws Exception {
        try (ThreebotGrid engine = engine()) {
            Running setUp = running(engine, "away");
            TfgridHosting hosting = setUp.hosting();
            IdentityKeys keys = setUp.keys();
            HostingPlan away = hosting.planChange(keys, setUp.bot(), Flavor.SILVER, changeOrder(setUp.bot(),
                    Flavor.SILVER, List.of(farmId("alpine-farm")), Optional.empty()));
            long chosen = Long.parseLong(away.nodeId());
            grid.node(chosen).orElseThrow().setRefusingCapacity(true);
            List<String> progress = new ArrayList<>();

            HostedThreebot moved = hosting.change(keys, setUp.bot(), away, List.of(), entry -> { }, progress::add);

            long placed = Long.parseLong(moved.plan().nodeId());
            assertThat(placed).isNotEqualTo(chosen);
            assertThat(moved.plan().farmId()).isEqualTo(farmId("alpine-farm"));
            assertThat(progress).contains("Node " + chosen + " has no room for the 3Bot; it moves to node " + placed
                    + " instead, and keeps answering until the new one does.");
            assertThat(contractsOf(hosting, keys)).extracting(Contract::nodeId).doesNotContain(chosen, setUp.node());
            assertRunsOn(hosting, moved, placed);
            destroyLeavingNothing(hosting, keys, moved);
        }
    }

    @Test
    void aMoveToANodeTheUserChoseThatHasNoRoomFailsWithTheOldVmRunningAndNothingOfItLeft() throws Exception {
        try (ThreebotGrid engine = engine()) {
            Running setUp = running(engine, "pinmove");
            TfgridHosting hosting = setUp.hosting();
            IdentityKeys keys = setUp.keys();
            long chosen = nodeId("NODE-VIENNA-1");
            HostingPlan there = hosting.planChange(keys, setUp.bot(), Flavor.SILVER, changeOrder(setUp.bot(),
                    Flavor.SILVER, List.of(), Optional.of(String.valueOf(chosen))));
            grid.node(chosen).orElseThrow().setRefusingCapacity(true);
            List<Long> before = contractsOf(hosting, keys).stream().map(Contract::id).toList();

            HostingException e = catchThrowableOfType(() -> hosting.change(keys, setUp.bot(), there, List.of(),
                    entry -> { }, Progress.silent()), HostingException.class);

            assertThat(e.kind()).isEqualTo(HostingException.Kind.DEPLOYMENT_FAILED);
            assertThat(e.getMessage()).isEqualTo("The 3Bot could not be changed: node " + chosen + " has no room for "
                    + "its new virtual machine, and it may go on no other node. Please try again later, or choose "
                    + "another location; the 3Bot runs as it was.");
            assertThat(contractsOf(hosting, keys)).extracting(Contract::id).containsExactlyInAnyOrderElementsOf(before);
            assertRunsOn(hosting, setUp.bot(), setUp.node());
            destroyLeavingNothing(hosting, keys, setUp.bot());
        }
    }

    @Test
    void aKillAtEachPointOfAResizePlacedAgainResumesWithoutMakingAnyContractTwice() throws Exception {
        List<String> at = List.of("REFUSED", "PLACED", "after PLACED");
        for (String killAt : at) {
            try (ThreebotGrid engine = engine()) {
                Running setUp = running(engine, "killgrow");
                TfgridHosting hosting = setUp.hosting();
                IdentityKeys keys = setUp.keys();
                long own = setUp.node();
                HostingPlan gold = hosting.planChange(keys, setUp.bot(), Flavor.GOLD,
                        changeOrder(setUp.bot(), Flavor.GOLD, List.of(), Optional.empty()));
                grid.node(own).orElseThrow().setRefusingCapacity(true);
                long before = grid.chain().snapshot().lastContractId();
                List<String> journal = new ArrayList<>();
                assertThatThrownBy(() -> hosting.change(keys, setUp.bot(), gold, List.of(), entry -> {
                    boolean placedBefore = journal.stream().anyMatch(l -> l.contains("\"step\":\"PLACED\""));
                    boolean kill = killAt.equals("after PLACED") ? placedBefore
                            : entry.contains("\"step\":\"" + killAt + "\"");
                    if (kill) {
                        throw new IllegalStateException("killed");
                    }
                    journal.add(entry);
                }, Progress.silent())).as("killed at " + killAt).hasMessage("killed");

                HostedThreebot resized = hosting.change(keys, setUp.bot(), gold, List.copyOf(journal), journal::add,
                        Progress.silent());

                long placed = Long.parseLong(resized.plan().nodeId());
                assertThat(placed).as(killAt).isNotEqualTo(own);
                List<Contract> live = contractsOf(hosting, keys);
                assertThat(live).as(killAt).hasSize(5);
                assertThat(live).extracting(Contract::nodeId).as(killAt).doesNotContain(own);
                // the refused VM once, then the new node's network and VM once each
                assertThat(grid.chain().snapshot().lastContractId() - before).as("contracts made, killed at " + killAt)
                        .isEqualTo(3);
                assertThat(journal).filteredOn(l -> l.contains("\"step\":\"PLACED\"")).as(killAt).hasSize(1);
                assertRunsOn(hosting, resized, placed);
                // run again once the change ended and was kept, it changes nothing
                assertThat(hosting.change(keys, resized, gold, List.copyOf(journal), journal::add, Progress.silent()))
                        .isEqualTo(resized);
                assertThat(contractsOf(hosting, keys)).as(killAt).hasSize(5);
                destroyLeavingNothing(hosting, keys, resized);
                grid.node(own).orElseThrow().setRefusingCapacity(false);
            }
        }
    }
}
