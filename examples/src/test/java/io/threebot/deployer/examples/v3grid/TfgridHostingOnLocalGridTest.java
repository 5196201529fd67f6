package io.threebot.deployer.examples.v3grid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.FundedCapacity;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingFarm;
import io.threebot.deployer.spi.HostingNode;
import io.threebot.deployer.spi.HostingOrder;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.hosting.TfgridHosting;
import io.threebot.deployer.tfgrid.proxy.ContractBill;
import io.threebot.deployer.tfgrid.proxy.ContractFilter;
import io.threebot.deployer.tfgrid.proxy.ContractType;
import io.threebot.deployer.tfgrid.proxy.GridContract;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import io.threebot.deployer.tfgrid.testkit.TfchainRuntime;
import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@link TfgridHosting}, core's {@code ThreebotHosting} on TFGrid v3, on a {@link LocalV3Grid}: farms and nodes as the
 * grid has them, a quote against the chain's actual bills, top-ups, plan and a journaled deploy that the gateway
 * serves, a resume from every journal position, a failing workload, status through destroy and through running out
 * of funds, the time funds buy, and no capacity. The chain makes a block every 50 ms, an hour of chain time every
 * 10 blocks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TfgridHostingOnLocalGridTest {
    private static final long TFT = TfchainRuntime.ONE_TFT;
    private static final Duration WAIT = Duration.ofSeconds(20);
    private static final Map<String, String> ENV = Map.of("THREEBOT_SECRET", "7:0badc0ffee", "SSHKEY", "");
    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger names = new AtomicInteger();
    private LocalV3Grid grid;
    private GridProxyClient proxy;
    private ThreebotGrid engine;
    private TfgridHosting hosting;

    @BeforeAll
    void start() throws Exception {
        grid = LocalV3Grid.start(LocalV3GridConfig.builder().chain(LocalTfchainConfig.builder()
                .blockInterval(Duration.ofMillis(50)).gracePeriod(20).build())
                .workloadDelay(Duration.ofMillis(20)).build());
        proxy = GridProxyClient.builder().baseUrl(grid.proxyUrl()).deadline(Duration.ofSeconds(10)).build();
        engine = ThreebotGrid.builder().substrate(grid.substrateUrl()).relay(grid.relayUrl()).gridProxy(proxy)
                .operator(SampleChainTopology.key("foundation")).callDeadline(Duration.ofSeconds(15))
                .readyDeadline(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(25)).build();
        hosting = TfgridHosting.builder().grid(engine).gridProxy(proxy).network("local")
                .tftPriceMusd(grid.chain().config().tftPriceMusd()).build();
    }

    @AfterEach
    void clearFaults() {
        grid.nodes().forEach(n -> {
            n.clearFaults();
            n.setOffline(false);
        });
    }

    @AfterAll
    void stop() {
        if (engine != null) {
            engine.close();
        }
        if (grid != null) {
            grid.close();
        }
    }

    private IdentityKeys keys() {
        return IdentityKeys.generate(random);
    }

    /** New keys whose account the operator funded through the hosting. */
    private IdentityKeys funded(long stroops) {
        IdentityKeys keys = keys();
        hosting.topUp(hosting.account(keys), stroops);
        return keys;
    }

    private HostingOrder order(String prefix, List<Long> farmIds, Optional<String> node) {
        return new HostingOrder(prefix + names.incrementAndGet(), Flavor.SILVER, farmIds, node, ENV);
    }

    private long nodeId(String serial) {
        return grid.chain().nodes().stream().filter(n -> n.serialNumber().equalsIgnoreCase(serial)).findFirst()
                .orElseThrow().id();
    }

    private long farmId(String name) {
        return grid.chain().farms().stream().filter(f -> f.name().equals(name)).findFirst().orElseThrow().id();
    }

    private long twinOf(IdentityKeys keys) {
        return grid.chain().twinOf(hosting.account(keys)).orElseThrow().id();
    }

    /** The twin's live contracts on the chain, by id. */
    private List<Long> contractsOf(IdentityKeys keys) {
        long twin = twinOf(keys);
        return grid.chain().snapshot().contracts().values().stream().filter(c -> c.twinId() == twin)
                .map(Contract::id).sorted().toList();
    }

    private static <T> T await(String what, Supplier<Optional<T>> probe) throws InterruptedException {
        return Waits.await(what, WAIT, probe);
    }

    private HostedThreebot deploy(IdentityKeys keys, HostingPlan plan, List<String> journal, List<String> progress)
            throws InterruptedException {
        return hosting.deploy(keys, plan, List.copyOf(journal), journal::add, progress::add);
    }

    @Test
    void farmsAndNodesAreThoseWithRoomForTheSizeOnTheirContinents() throws Exception {
        assertThat(hosting.gridName()).isEqualTo("TFGrid v3 (local)");
        for (Flavor flavor : List.of(Flavor.SILVER, Flavor.PLATINUM)) {
            BotSize size = BotSize.of(flavor);
            List<SimulatedZosNode> fitting = grid.nodes().stream().filter(n -> !n.isOffline()
                    && n.freeResources().mru() >= size.memoryBytes() && n.freeResources().sru() >= size.ssdBytes()
                    && n.node().resources().cru() >= size.cpu()).toList();
            Map<Long, String> farmNames = grid.chain().farms().stream()
                    .collect(Collectors.toMap(Farm::id, Farm::name));
            List<HostingFarm> expected = fitting.stream().map(n -> n.node().farmId()).distinct().sorted()
                    .map(id -> new HostingFarm(id, farmNames.get(id), fitting.stream()
                            .filter(n -> n.node().farmId() == id).map(n -> n.node().location().continent())
                            .filter(c -> !c.isEmpty()).findFirst().orElse("")))
                    .toList();
            assertThat(hosting.farms(flavor)).as(flavor.displayName()).isEqualTo(expected);

            List<Long> europe = expected.stream().filter(f -> f.continent().equals("Europe")).map(HostingFarm::id)
                    .toList();
            assertThat(hosting.nodes(europe, flavor)).extracting(HostingNode::nodeId)
                    .containsExactlyElementsOf(fitting.stream().filter(n -> europe.contains(n.node().farmId()))
                            .map(n -> n.node().id()).sorted().map(String::valueOf).toList());
        }
        assertThat(hosting.farms(Flavor.SILVER)).extracting(HostingFarm::name, HostingFarm::continent)
                .contains(org.assertj.core.groups.Tuple.tuple("freefarm", "Europe"),
                        org.assertj.core.groups.Tuple.tuple("greenedge", "North America"),
                        org.assertj.core.groups.Tuple.tuple("tokyo-hub", "Asia"));
        assertThat(hosting.nodes(List.of(farmId("alpine-farm")), Flavor.SILVER))
                .extracting(HostingNode::nodeId, HostingNode::country)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(String.valueOf(nodeId("NODE-VIENNA-1")),
                        "Austria"), org.assertj.core.groups.Tuple.tuple(String.valueOf(nodeId("NODE-VIENNA-2")),
                        "Austria"));
        assertThat(hosting.nodes(List.of(), Flavor.SILVER)).isEmpty();
    }

    @Test
    void aTopUpMovesExactlyTheAmountFromTheOperatorToTheAccount() {
        IdentityKeys keys = keys();
        String account = hosting.account(keys);
        assertThat(account).isEqualTo(ThreebotGrid.address(keys.seed()));
        String operator = SampleChainTopology.key("foundation").address();
        BigInteger operatorBefore = grid.chain().balance(operator).free();
        long amount = 7 * TFT + 123;

        assertThat(hosting.topUp(account, amount)).isEqualTo(amount);
        assertThat(hosting.balance(account)).isEqualTo(amount);
        assertThat(grid.chain().balance(account).free()).isEqualTo(BigInteger.valueOf(amount));
        BigInteger spent = operatorBefore.subtract(grid.chain().balance(operator).free());
        assertThat(spent).as("the amount and the transfer's fee").isGreaterThan(BigInteger.valueOf(amount))
                .isLessThan(BigInteger.valueOf(amount + 100_000));
        assertThat(hosting.topUp(account, 5)).isEqualTo(amount + 5);
        assertThatThrownBy(() -> hosting.topUp(account, 0)).hasMessageContaining("positive");
    }

    @Test
    void aReclaimSendsTheAccountsBalanceBackToTheOperatorLessTheFeeReserve() throws Exception {
        IdentityKeys keys = funded(3 * TFT);
        String account = hosting.account(keys);
        String operator = SampleChainTopology.key("foundation").address();
        BigInteger operatorBefore = grid.chain().balance(operator).free();

        long back = hosting.reclaim(keys);

        assertThat(back).isEqualTo(3 * TFT - ThreebotGrid.RECLAIM_RESERVE.longValueExact());
        assertThat(grid.chain().balance(operator).free().subtract(operatorBefore))
                .isEqualTo(BigInteger.valueOf(back));
        assertThat(hosting.balance(account)).as("the reserve less the transfer's fee")
                .isPositive().isLessThan(ThreebotGrid.RECLAIM_RESERVE.longValueExact());
        assertThat(hosting.reclaim(keys)).as("nothing left to send").isZero();
    }

    @Test
    void aHostingMadeFromANetworksSettingsReachesItsEndpointsWithTheOperatorsKey() {
        // the settings a host reads from THREEBOT_TFGRID_*, here with the local grid's endpoints and the sample
        // topology's funded account as the operator (its hex seed, as THREEBOT_TFGRID_MNEMONIC may hold)
        String seed = "0x" + java.util.HexFormat.of().formatHex(io.threebot.deployer.tfgrid.chain.Hashing.blake2b256(
                "tfchain-local/foundation".getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        io.threebot.deployer.tfgrid.TfgridSettings settings = io.threebot.deployer.tfgrid.TfgridSettings
                .fromEnvironment(Map.of("THREEBOT_TFGRID_NETWORK", "dev", "THREEBOT_TFGRID_MNEMONIC", seed,
                        "THREEBOT_TFGRID_SUBSTRATE", grid.substrateUrl().toString(),
                        "THREEBOT_TFGRID_RELAY", grid.relayUrl().toString(),
                        "THREEBOT_TFGRID_GRIDPROXY", grid.proxyUrl().toString()));
        try (TfgridHosting fromSettings = TfgridHosting.builder().settings(settings)
                .tftPriceMusd(grid.chain().config().tftPriceMusd()).build()) {
            assertThat(fromSettings.gridName()).isEqualTo("TFGrid v3 (dev)");
            assertThat(fromSettings.farms(Flavor.SILVER)).isEqualTo(hosting.farms(Flavor.SILVER));
            IdentityKeys keys = keys();
            String operator = SampleChainTopology.key("foundation").address();
            BigInteger before = grid.chain().balance(operator).free();
            assertThat(fromSettings.topUp(fromSettings.account(keys), 2 * TFT)).isEqualTo(2 * TFT);
            assertThat(before.subtract(grid.chain().balance(operator).free()))
                    .isGreaterThan(BigInteger.valueOf(2 * TFT));
        }
    }

    @Test
    void aResizeThenAMoveReplaceTheVmBehindTheSameNameAndAStopKeepsOnlyTheName() throws Exception {
        IdentityKeys keys = funded(1000 * TFT);
        HostingPlan plan = hosting.plan(keys, order("shift", List.of(farmId("freefarm")), Optional.empty()));
        HostedThreebot bot = deploy(keys, plan, new ArrayList<>(), new ArrayList<>());
        long firstVm = grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine).orElseThrow().contractId();

        // a resize stays on its node: a new VM behind the same name, the old one cancelled
        HostingPlan gold = hosting.planChange(keys, bot, Flavor.GOLD, new HostingOrder(bot.plan().fqdn(),
                Flavor.GOLD, List.of(), Optional.empty(), Map.of()));
        assertThat(gold.nodeId()).isEqualTo(plan.nodeId());
        List<String> journal = new ArrayList<>();
        HostedThreebot resized = hosting.change(keys, bot, gold, List.of(), journal::add, m -> { });
        LocalV3Grid.Machine second = grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine)
                .orElseThrow();
        assertThat(second.contractId()).isNotEqualTo(firstVm);
        assertThat(contractsOf(keys)).doesNotContain(firstVm).hasSize(5);
        assertThat(journal).isNotEmpty();
        assertThat(hosting.status(resized, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);

        // a move goes to a node of the farms given, keeping the name and gateway
        HostingPlan away = hosting.planChange(keys, resized, Flavor.GOLD, new HostingOrder(bot.plan().fqdn(),
                Flavor.GOLD, List.of(farmId("alpine-farm")), Optional.empty(), Map.of()));
        assertThat(away.farmId()).isEqualTo(farmId("alpine-farm"));
        HostedThreebot moved = hosting.change(keys, resized, away, List.of(), entry -> { }, m -> { });
        assertThat(grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine).orElseThrow().nodeId())
                .isEqualTo(Long.parseLong(away.nodeId()));
        assertThat(hosting.status(moved, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);

        // a stop leaves only the name contract; a deploy of what it keeps starts it again
        HostedThreebot stopped = hosting.stop(keys, moved);
        assertThat(contractsOf(keys)).hasSize(1);
        assertThat(grid.resolve(plan.fqdn())).isEmpty();
        HostedThreebot started = hosting.deploy(keys, away, stopped.journaled(), entry -> { }, m -> { });
        assertThat(hosting.status(started, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
        assertThat(grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine)).isPresent();
        hosting.destroy(keys, away, started.journaled());
        assertThat(contractsOf(keys)).isEmpty();
    }

    @Test
    void anOperatorThatCannotPayIsToldApart() {
        try (ThreebotGrid poor = ThreebotGrid.builder().substrate(grid.substrateUrl()).relay(grid.relayUrl())
                .gridProxy(proxy).operator(io.threebot.deployer.tfgrid.keys.Ed25519KeyPair.fromSeed(
                        keys().seed())).build()) {
            TfgridHosting broke = TfgridHosting.builder().grid(poor).gridProxy(proxy).build();
            HostingException e = catchThrowableOfType(() -> broke.topUp(hosting.account(keys()), TFT),
                    HostingException.class);
            assertThat(e.kind()).isEqualTo(HostingException.Kind.OPERATOR_UNDERFUNDED);
            assertThat(e.getMessage()).isEqualTo("The operator's account cannot pay 1 TFT to the 3Bot's account "
                    + "right now.");
        }
    }

    @Test
    void aPlanDeploysWithItsJournalAndTheGatewayServesTheNameUntilItIsDestroyed() throws Exception {
        IdentityKeys keys = funded(1000 * TFT);
        HostingPlan plan = hosting.plan(keys, order("alpha", List.of(farmId("freefarm")), Optional.empty()));
        assertThat(plan.farmId()).isEqualTo(farmId("freefarm"));
        assertThat(plan.fqdn()).endsWith(".3bot.grid.tf");
        assertThat(plan.wireGuardConfig()).contains("[Interface]").contains("PrivateKey = ");
        assertThat(plan.data()).contains("0badc0ffee"); // the environment travels in the sealed plan
        List<String> journal = new ArrayList<>();
        List<String> progress = new ArrayList<>();

        HostedThreebot bot = deploy(keys, plan, journal, progress);

        assertThat(bot.account()).isEqualTo(hosting.account(keys));
        assertThat(bot.journaled()).isEqualTo(journal).hasSize(9);
        assertThat(contractsOf(keys)).hasSize(5);
        assertThat(progress).first().isEqualTo("Deploying " + plan.fqdn() + " on node " + plan.nodeId());
        assertThat(progress).contains("Created the network contract on node " + plan.nodeId()
                + "; setting up the private network there", "Reserved the name " + plan.fqdn().split("\\.")[0],
                "The gateway serves https://" + plan.fqdn());
        LocalV3Grid.Machine machine = grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine)
                .orElseThrow();
        assertThat(machine.nodeId()).isEqualTo(Long.parseLong(plan.nodeId()));
        assertThat(machine.ip()).isEqualTo(plan.privateIp());

        String name = plan.fqdn().split("\\.")[0];
        IdentityKeys other = funded(10 * TFT);
        HostingException taken = catchThrowableOfType(() -> hosting.plan(other, new HostingOrder(name, Flavor.SILVER,
                List.of(), Optional.empty(), ENV)), HostingException.class);
        assertThat(taken.kind()).isEqualTo(HostingException.Kind.NAME_TAKEN);
        assertThat(taken.getMessage()).isEqualTo("The name " + name + " is taken on TFGrid v3 (local); choose "
                + "another one.");

        HostingStatus running = hosting.status(bot, Optional.empty());
        assertThat(running.state()).isEqualTo(HostingStatus.State.RUNNING);
        assertThat(running.detail()).isEqualTo("5 contracts live");
        HostedThreebot half = new HostedThreebot(bot.account(), plan, journal.subList(0, 5));
        assertThat(hosting.status(half, Optional.empty()).state()).isEqualTo(HostingStatus.State.INCOMPLETE);

        hosting.destroy(keys, plan, journal);
        assertThat(contractsOf(keys)).isEmpty();
        assertThat(grid.resolve(plan.fqdn())).isEmpty();
        HostingStatus gone = hosting.status(bot, Optional.of(running.state()));
        assertThat(gone.state()).isEqualTo(HostingStatus.State.GONE);
        hosting.destroy(keys, plan, journal); // gone already: no error
    }

    @Test
    void aResumeFromEachJournalPositionCreatesNoContractTwice() throws Exception {
        IdentityKeys keys = funded(1000 * TFT);
        int entries = 9;
        for (int kept = 0; kept < entries; kept++) {
            HostingPlan plan = hosting.plan(keys, order("resume", List.of(farmId("alpine-farm")), Optional.empty()));
            List<String> journal = new ArrayList<>();
            int crashAt = kept;
            long before = grid.chain().snapshot().lastContractId();
            assertThatThrownBy(() -> hosting.deploy(keys, plan, List.of(), entry -> {
                if (journal.size() == crashAt) {
                    throw new IllegalStateException("killed");
                }
                journal.add(entry);
            }, Progress.silent())).isInstanceOf(IllegalStateException.class).hasMessage("killed");
            List<Long> beforeResume = contractsOf(keys);
            List<String> journaled = List.copyOf(journal);
            List<String> progress = new ArrayList<>();

            HostedThreebot bot = deploy(keys, plan, journal, progress);

            assertThat(grid.chain().snapshot().lastContractId() - before).as("contracts made, journal kept " + kept)
                    .isEqualTo(5);
            assertThat(contractsOf(keys)).hasSize(5).containsAll(beforeResume);
            assertThat(journaled).hasSize(kept);
            assertThat(bot.journaled()).hasSize(entries + kept);
            assertThat(bot.journaled().subList(0, kept)).isEqualTo(journaled);
            assertThat(progress.get(0)).startsWith(kept == 0 ? "Deploying " : "Resuming the deploy of ");
            assertThat(hosting.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
            assertThat(grid.resolve(plan.fqdn()).flatMap(LocalV3Grid.NameRoute::machine)).isPresent();
            hosting.destroy(keys, plan, bot.journaled());
            assertThat(contractsOf(keys)).isEmpty();
        }
    }

    @Test
    void aFailingWorkloadIsADeploymentFailureThatLeavesNoContract() throws Exception {
        IdentityKeys keys = funded(100 * TFT);
        long node = nodeId("NODE-GHENT-2");
        HostingPlan plan = hosting.plan(keys, order("broken", List.of(), Optional.of(String.valueOf(node))));
        assertThat(plan.nodeId()).isEqualTo(String.valueOf(node));
        grid.node(node).orElseThrow().failWorkload("vm", "failed to start the VM: out of luck");
        List<String> journal = new ArrayList<>();

        HostingException failure = catchThrowableOfType(() -> deploy(keys, plan, journal, new ArrayList<>()),
                HostingException.class);

        assertThat(failure.kind()).isEqualTo(HostingException.Kind.DEPLOYMENT_FAILED);
        assertThat(failure.getMessage()).isEqualTo("The 3Bot could not be deployed: the 3Bot's vm on node " + node
                + " failed: workload vm is error: failed to start the VM: out of luck. What this attempt made is "
                + "cancelled.");
        assertThat(journal).isNotEmpty();
        assertThat(contractsOf(keys)).isEmpty();
    }

    @Test
    void nothingFittingTheOrderIsNoCapacity() throws Exception {
        IdentityKeys keys = funded(10 * TFT);
        HostingException noNode = catchThrowableOfType(() -> hosting.plan(keys, order("nowhere", List.of(),
                Optional.of("9999"))), HostingException.class);
        assertThat(noNode.kind()).isEqualTo(HostingException.Kind.NO_CAPACITY);
        assertThat(noNode.getMessage()).startsWith("No node has room for a Silver 3Bot there right now (no node on "
                + "node 9999");

        grid.node(nodeId("NODE-TOKYO-1")).orElseThrow().setOffline(true);
        HostingException noFarm = await("the Tokyo node to be seen down", () -> {
            try {
                hosting.plan(keys, order("tokyo", List.of(farmId("tokyo-hub")), Optional.empty()));
                return Optional.empty();
            } catch (HostingException e) {
                return Optional.of(e);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        assertThat(noFarm.kind()).isEqualTo(HostingException.Kind.NO_CAPACITY);
        assertThat(noFarm.getMessage()).isEqualTo("No node of the chosen farms has room for a Silver 3Bot right "
                + "now; choose another location.");
        assertThat(contractsOf(keys)).isEmpty();
    }

    @Test
    void aQuoteIsNeverBelowWhatBillingTakesAndFundingShowsTheTimeLeft() throws Exception {
        IdentityKeys keys = funded(200 * TFT);
        HostingPlan plan = hosting.plan(keys, order("billed", List.of(farmId("greenedge")), Optional.empty()));
        HostedThreebot bot = deploy(keys, plan, new ArrayList<>(), new ArrayList<>());
        long twin = twinOf(keys);
        long hour = hosting.quote(Flavor.SILVER, Duration.ofHours(1));

        FundedCapacity funded = await("bills of the VM and the name", () -> Optional.of(hosting.funding(bot))
                .filter(f -> f.hourlyStroops().filter(c -> c > hour * 9 / 10).isPresent()));
        assertThat(funded.hourlyStroops().orElseThrow()).isLessThanOrEqualTo(hour);
        // whole hours of bills, never more than the price billed now buys (its discount falls as the balance does)
        assertThat(funded.timeLeft().orElseThrow().toSeconds() % 3600).isZero();
        assertThat(funded.timeLeft().orElseThrow().toSeconds()).isPositive()
                .isLessThanOrEqualTo(funded.spendableStroops() * 3600 / funded.hourlyStroops().orElseThrow());

        List<GridContract> contracts = await("six hours billed", () -> {
            List<GridContract> all = proxy.contracts(ContractFilter.builder().twinId(twin).build(),
                    PageRequest.first(100)).items();
            return all.stream().anyMatch(c -> bills(c).size() >= 6) ? Optional.of(all) : Optional.empty();
        });
        long billed = 0;
        long first = Long.MAX_VALUE;
        long last = 0;
        for (GridContract contract : contracts) {
            first = Math.min(first, contract.createdAt().getEpochSecond());
            for (ContractBill bill : bills(contract)) {
                billed += bill.amountBilled();
                last = Math.max(last, bill.timestamp().getEpochSecond());
            }
        }
        // 200 TFT hold months of the name's cost, which earns it a discount, and not of the VM's
        assertThat(contracts).filteredOn(c -> c.type() == ContractType.NAME).singleElement()
                .satisfies(name -> assertThat(bills(name).get(0).discountReceived()).isNotEqualTo("None"));
        assertThat(contracts).filteredOn(c -> c.type() == ContractType.NODE && !bills(c).isEmpty()).singleElement()
                .satisfies(vm -> assertThat(bills(vm).get(0).discountReceived()).isEqualTo("None"));
        Duration period = Duration.ofSeconds(last - first);
        assertThat(period).isGreaterThanOrEqualTo(Duration.ofHours(5));
        long quote = hosting.quote(Flavor.SILVER, period);
        assertThat(billed).as("billed over " + period).isPositive().isLessThanOrEqualTo(quote)
                .isGreaterThan(quote - 2 * hour); // each contract's last hour may not be billed yet
        assertThat(hosting.quote(Flavor.PLATINUM, period)).isGreaterThan(quote);
        assertThatThrownBy(() -> hosting.quote(Flavor.SILVER, Duration.ZERO)).hasMessageContaining("positive");
        // the traffic an operator expects is funded on top, at the chain's network-unit price
        try (TfgridHosting withTraffic = TfgridHosting.builder().grid(engine).gridProxy(proxy)
                .tftPriceMusd(grid.chain().config().tftPriceMusd()).trafficPerMonth(100L << 30).build()) {
            assertThat(withTraffic.quote(Flavor.SILVER, Duration.ofHours(1))).isGreaterThan(hour);
        }
        assertThatThrownBy(() -> TfgridHosting.builder().trafficPerMonth(-1))
                .isInstanceOf(io.threebot.deployer.errors.InvalidInputException.class);

        long left = funded.timeLeft().orElseThrow().toSeconds();
        hosting.topUp(bot.account(), 100 * TFT);
        assertThat(hosting.funding(bot).timeLeft().orElseThrow().toSeconds()).isGreaterThan(left + 150 * 3600);
        hosting.destroy(keys, plan, bot.journaled());
    }

    private List<ContractBill> bills(GridContract contract) {
        return proxy.bills(contract.contractId(), PageRequest.first(1000)).items();
    }

    @Test
    void anAccountThatRunsOutGoesIntoItsGracePeriodAndIsThenDeletedForLackOfFunds() throws Exception {
        IdentityKeys keys = funded(100 * TFT);
        HostingPlan plan = hosting.plan(keys, order("starved", List.of(farmId("greenedge")), Optional.empty()));
        HostedThreebot bot = deploy(keys, plan, new ArrayList<>(), new ArrayList<>());
        assertThat(hosting.status(bot, Optional.empty()).state()).isEqualTo(HostingStatus.State.RUNNING);
        TwinFunds.drain(grid, keys.seed(), BigInteger.valueOf(TFT / 4)); // less than an hour of the VM

        HostingStatus grace = awaitState(bot, HostingStatus.State.GRACE_PERIOD, Optional.empty());
        assertThat(grace.detail()).startsWith("the account ran out of funds: ").contains("in its grace period");
        HostingStatus deleted = awaitState(bot, HostingStatus.State.DELETED_OUT_OF_FUNDS,
                Optional.of(HostingStatus.State.GRACE_PERIOD));
        assertThat(deleted.detail()).contains("for lack of funds");
        // contracts are billed, and so removed, one at a time (those that cost nothing stay)
        HostingStatus removed = await("every billed contract removed", () -> Optional.of(hosting.status(bot,
                Optional.of(HostingStatus.State.GRACE_PERIOD))).filter(s -> !s.detail().contains("in its grace period")));
        assertThat(removed.state()).isEqualTo(HostingStatus.State.DELETED_OUT_OF_FUNDS);
        assertThat(hosting.status(bot, Optional.of(HostingStatus.State.RUNNING)).state())
                .as("without the grace period seen before, gone is gone").isIn(HostingStatus.State.GONE,
                        HostingStatus.State.INCOMPLETE);
    }

    @Test
    void aDestroyCancelsEveryContractOfTheThreebotsTwinThoughItsRecordDoesNotNameThem() throws Exception {
        OnGreenedge bot = deployedOnGreenedge("named");
        HostingPlan unnamed = unrecordedBeside(bot, "unnamed");
        assertThat(contractsOf(bot.keys())).hasSize(10);

        hosting.destroy(bot.keys(), bot.plan(), bot.journal());

        assertThat(contractsOf(bot.keys())).isEmpty();
        assertThat(grid.resolve(unnamed.fqdn())).isEmpty();
    }

    @Test
    void aStopCancelsEveryNodeContractOfTheThreebotsTwinThoughItsRecordDoesNotNameThem() throws Exception {
        OnGreenedge bot = deployedOnGreenedge("halted");
        unrecordedBeside(bot, "stray");
        long twin = twinOf(bot.keys());

        hosting.stop(bot.keys(), bot.hosted());

        List<Contract> left = grid.chain().snapshot().contracts().values().stream()
                .filter(c -> c.twinId() == twin).toList();
        assertThat(left).as("no node contract of the 3Bot's twin is left").extracting(Contract::type)
                .containsOnly(Contract.Type.NAME);
        assertThat(left).extracting(Contract::name).as("the 3Bot keeps its name")
                .anyMatch(name -> bot.plan().fqdn().startsWith(name + "."));
    }

    @Test
    void aThreebotInItsGracePeriodIsDestroyedThoughEachCancellationBillsWhatItOwes() throws Exception {
        OnGreenedge owing = deployedOnGreenedge("owing");
        IdentityKeys keys = owing.keys();
        HostingPlan plan = owing.plan();
        List<String> journal = owing.journal();
        TwinFunds.drain(grid, keys.seed(), BigInteger.valueOf(TFT / 4)); // less than an hour of the VM
        long twin = twinOf(keys);
        await("the VM in its grace period", () -> grid.chain().snapshot().contracts().values().stream()
                .filter(c -> c.twinId() == twin && c.state() == Contract.State.GRACE_PERIOD).findAny());

        // cancelling a contract in its grace period bills what it owes first, which takes what the account holds
        hosting.destroy(keys, plan, journal);

        assertThat(contractsOf(keys)).isEmpty();
        assertThat(grid.resolve(plan.fqdn())).isEmpty();
    }

    /** A 3Bot deployed on greenedge from an account holding 100 TFT: its keys, plan, journal and hosted record. */
    private record OnGreenedge(IdentityKeys keys, HostingPlan plan, List<String> journal, HostedThreebot hosted) {
    }

    /**
     * Another deployment on the 3Bot's twin that its record does not name, as a change cut short before its record
     * was saved leaves one; its plan.
     */
    private HostingPlan unrecordedBeside(OnGreenedge bot, String name) throws Exception {
        HostingPlan unrecorded = hosting.plan(bot.keys(), order(name, List.of(farmId("greenedge")),
                Optional.empty()));
        deploy(bot.keys(), unrecorded, new ArrayList<>(), new ArrayList<>());
        return unrecorded;
    }

    private OnGreenedge deployedOnGreenedge(String name) throws Exception {
        IdentityKeys keys = funded(100 * TFT);
        HostingPlan plan = hosting.plan(keys, order(name, List.of(farmId("greenedge")), Optional.empty()));
        List<String> journal = new ArrayList<>();
        HostedThreebot hosted = deploy(keys, plan, journal, new ArrayList<>());
        return new OnGreenedge(keys, plan, journal, hosted);
    }

    private HostingStatus awaitState(HostedThreebot bot, HostingStatus.State wanted,
            Optional<HostingStatus.State> seen) throws InterruptedException {
        Set<HostingStatus.State> passed = new TreeSet<>();
        Optional<HostingStatus.State>[] last = new Optional[] {seen};
        return await("state " + wanted + " (seen " + passed + ")", () -> {
            HostingStatus status = hosting.status(bot, last[0]);
            passed.add(status.state());
            if (status.state() != HostingStatus.State.RUNNING) {
                last[0] = Optional.of(status.state());
            }
            return status.state() == wanted ? Optional.of(status) : Optional.empty();
        });
    }
}
