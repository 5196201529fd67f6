package io.threebot.deployer.tfgrid.hosting;

import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.FundedCapacity;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingFarm;
import io.threebot.deployer.spi.HostingJournal;
import io.threebot.deployer.spi.HostingNode;
import io.threebot.deployer.spi.HostingOrder;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.tfgrid.chain.Contract;
import io.threebot.deployer.tfgrid.chain.NotEnoughFundsException;
import io.threebot.deployer.tfgrid.deploy.BotSize;
import io.threebot.deployer.tfgrid.deploy.BotTwin;
import io.threebot.deployer.tfgrid.deploy.DeployedBot;
import io.threebot.deployer.tfgrid.deploy.DeploymentFailedException;
import io.threebot.deployer.tfgrid.deploy.DeploymentPlan;
import io.threebot.deployer.tfgrid.deploy.Funding;
import io.threebot.deployer.tfgrid.deploy.NameTakenException;
import io.threebot.deployer.tfgrid.deploy.NoCapacityException;
import io.threebot.deployer.tfgrid.deploy.Placement;
import io.threebot.deployer.tfgrid.deploy.PlacementPolicy;
import io.threebot.deployer.tfgrid.deploy.ThreebotGrid;
import io.threebot.deployer.tfgrid.TfgridSettings;
import io.threebot.deployer.tfgrid.deploy.TransferOutcomeUnknownException;
import io.threebot.deployer.tfgrid.proxy.ContractFilter;
import io.threebot.deployer.tfgrid.proxy.ContractType;
import io.threebot.deployer.tfgrid.proxy.Farm;
import io.threebot.deployer.tfgrid.proxy.FarmFilter;
import io.threebot.deployer.tfgrid.proxy.GridContract;
import io.threebot.deployer.tfgrid.proxy.GridProxyClient;
import io.threebot.deployer.tfgrid.proxy.PageRequest;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TFGrid v3 {@link ThreebotHosting}: each 3Bot is a twin of its own, made from its identity's seed, which owns
 * and pays its contracts (a private network, the VM with its disk, the name contract and the gateway name proxy).
 * Built on a {@link ThreebotGrid} (the engine, with the operator's key) and a {@link GridProxyClient}.
 *
 * <pre>{@code
 * ThreebotHosting hosting = TfgridHosting.builder().grid(threebotGrid).gridProxy(proxy).network("devnet").build();
 * }</pre>
 *
 * <p>A plan's data and the journal's entries are JSON of the engine's {@code DeploymentPlan} (with where the user
 * let the 3Bot go) and {@code JournalEntry}, and of a node's refusal of the VM and the plan it was placed again with;
 * the plan holds the WireGuard keys and the environment. The plan a 3Bot runs with is the journal's last placement,
 * else the sealed plan. Twins are opened per call and closed before it returns. Listing calls ({@link #status},
 * {@link #funding}) read the chain and gridproxy without keys. Thread-safe: it keeps no state of its own (the grid
 * remembers what it placed lately). A grid given to the builder stays the caller's to close; one made from
 * settings ({@link Builder#settings}) is closed by {@link #close()}.
 */
public final class TfgridHosting implements ThreebotHosting, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(TfgridHosting.class);

    private final ThreebotGrid grid;
    private final GridProxyClient proxy;
    private final String gridName;
    private final FarmCatalog catalog;
    private final CapacityQuote quotes;
    private final ContractStatusReader statuses;
    private final Elsewhere elsewhere;
    private final JournaledChange changes;
    private final boolean ownsGrid;

    private TfgridHosting(Builder b) {
        this.ownsGrid = b.owned;
        this.grid = b.grid;
        this.proxy = b.proxy;
        this.gridName = b.network == null ? "TFGrid v3" : "TFGrid v3 (" + b.network + ")";
        this.catalog = new FarmCatalog(b.proxy);
        this.quotes = new CapacityQuote(b.grid.chain(), Optional.ofNullable(b.tftPriceMusd), b.trafficBytesPerMonth);
        this.statuses = new ContractStatusReader(b.grid.chain());
        this.elsewhere = new Elsewhere(b.grid, this::farmName);
        this.changes = new JournaledChange(b.grid, elsewhere);
    }

    /** Closes the grid's chain connection when this hosting made the grid from settings; otherwise nothing. */
    @Override
    public void close() {
        if (ownsGrid) {
            grid.close();
        }
    }

    /** A builder: the grid and gridproxy are required. */
    public static Builder builder() {
        return new Builder();
    }

    /** {@code TFGrid v3}, with the network's name when the builder was given one. */
    @Override
    public String gridName() {
        return gridName;
    }

    /** Farms with a node up, healthy and with room for the size, when a gateway node is up; by id. */
    @Override
    public List<HostingFarm> farms(Flavor flavor) {
        return catalog.farms(BotSize.of(flavor));
    }

    /** The nodes of these farms that are up, healthy and have room for the size, by id. */
    @Override
    public List<HostingNode> nodes(Collection<Long> farmIds, Flavor flavor) {
        return catalog.nodes(List.copyOf(farmIds), BotSize.of(flavor));
    }

    /**
     * The VM's and the name's cost over the period under the chain's pricing policy, billed by the hour at the
     * discount the balance left then earns (never more than the chain's), rounded up.
     *
     * @throws InvalidInputException when the period is not positive
     */
    @Override
    public long quote(Flavor flavor, Duration period) {
        if (period == null || period.isZero() || period.isNegative()) {
            throw new InvalidInputException("period", "a quote is for a positive period");
        }
        return quotes.quote(BotSize.of(flavor), period);
    }

    /** The SS58 address of the twin the identity's seed gives. */
    @Override
    public String account(IdentityKeys keys) {
        return ThreebotGrid.address(keys.seed());
    }

    /**
     * Transfers the amount from the operator's account once ({@link ThreebotGrid#fund}).
     *
     * @throws HostingException {@link HostingException.Kind#TRANSFER_UNKNOWN} when its outcome is unknown,
     *                          {@link HostingException.Kind#OPERATOR_UNDERFUNDED} when the operator cannot pay it
     */
    @Override
    public long topUp(String account, long stroops) {
        if (stroops <= 0) {
            throw new InvalidInputException("amount", "a top-up is of a positive amount");
        }
        try {
            return clamp(grid.fund(account, BigInteger.valueOf(stroops)).spendable());
        } catch (TransferOutcomeUnknownException e) {
            throw new HostingException(HostingException.Kind.TRANSFER_UNKNOWN, "The transfer of "
                    + Tft.format(stroops) + " TFT to the 3Bot's account may or may not have gone through; it is not "
                    + "sent again. Its balance will show it.", e);
        } catch (NotEnoughFundsException e) {
            throw new HostingException(HostingException.Kind.OPERATOR_UNDERFUNDED, "The operator's account cannot "
                    + "pay " + Tft.format(stroops) + " TFT to the 3Bot's account right now.", e);
        }
    }

    /**
     * Sends the account's spendable balance back to the operator, less a reserve for the fee
     * ({@link ThreebotGrid#reclaim}).
     *
     * @throws HostingException {@link HostingException.Kind#TRANSFER_UNKNOWN} when its outcome is unknown
     */
    @Override
    public long reclaim(IdentityKeys keys) {
        try {
            return clamp(grid.reclaim(keys.seed()));
        } catch (TransferOutcomeUnknownException e) {
            throw new HostingException(HostingException.Kind.TRANSFER_UNKNOWN, "Sending the 3Bot account's balance "
                    + "back to the operator may or may not have gone through; it is not sent again.", e);
        }
    }

    /** The account's balance less what billing has locked. */
    @Override
    public long balance(String account) {
        return clamp(grid.chain().account(account).spendable());
    }

    /**
     * Opens the 3Bot's twin (creating it on a funded account), places it by the order and plans its deploy.
     *
     * @throws HostingException {@link HostingException.Kind#NO_CAPACITY} when nothing fits,
     *                          {@link HostingException.Kind#NAME_TAKEN} when another twin holds the name
     */
    @Override
    public HostingPlan plan(IdentityKeys keys, HostingOrder order) throws InterruptedException {
        BotSize size = BotSize.of(order.flavor());
        try (BotTwin twin = grid.twin(keys.seed())) {
            checkName(order.name(), twin.twinId());
            Placement at = place(twin.twinId(), size, order);
            // the 3Bot learns its address from its environment, as the stock entrypoint expects
            Map<String, String> environment = new LinkedHashMap<>(order.environment());
            environment.put("DOMAIN", at.fqdn(order.name()));
            DeploymentPlan plan;
            try {
                plan = twin.plan(order.name(), size, at, environment);
            } catch (HostingException | InvalidInputException e) {
                throw e;
            } catch (DeployerException e) {
                throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, "Node " + at.nodeId()
                        + (at.gatewayNodeId() == at.nodeId() ? "" : " or the gateway node " + at.gatewayNodeId())
                        + " did not answer while the 3Bot's network was planned (" + e.getMessage() + "); nothing "
                        + "was deployed. Please try again, or choose another location.", e);
            }
            LOG.info("planned 3Bot {} of twin {} on node {} behind gateway node {}", plan.name(), twin.twinId(),
                    at.nodeId(), at.gatewayNodeId());
            return hostingPlan(plan, Optional.of(new PlacementChoice(order.farmIds(),
                    order.nodeId().map(TfgridHosting::nodeId))));
        }
    }

    /** The plan as the deployer keeps it, with where the user let the 3Bot go. */
    static HostingPlan hostingPlan(DeploymentPlan plan, Optional<PlacementChoice> choice) {
        Placement at = plan.placement();
        return new HostingPlan(plan.fqdn(), Long.toString(at.nodeId()), at.farmId(), plan.vmIp(),
                plan.userWireguardConfig(), HostingCodec.plan(plan, choice));
    }

    private void checkName(String name, long twinId) {
        Optional<Long> holder = grid.chain().nameContractId(name)
                .flatMap(id -> grid.chain().contract(id)).map(Contract::twinId);
        if (holder.isPresent() && holder.get() != twinId) {
            throw new HostingException(HostingException.Kind.NAME_TAKEN, "The name " + name + " is taken on "
                    + gridName + "; choose another one.");
        }
    }

    private Placement place(long twinId, BotSize size, HostingOrder order) {
        try {
            if (order.nodeId().isPresent()) {
                return grid.place(twinId, size, new PlacementPolicy.Node(nodeId(order.nodeId().get())));
            }
            if (order.farmIds().isEmpty()) {
                return grid.place(twinId, size, new PlacementPolicy.Automatic());
            }
            for (long farmId : order.farmIds()) {
                Optional<String> name = farmName(farmId);
                if (name.isEmpty()) {
                    continue;
                }
                try {
                    return grid.place(twinId, size, new PlacementPolicy.Farm(name.get()));
                } catch (NoCapacityException e) {
                    LOG.debug("farm {} has no room: {}", farmId, e.getMessage());
                }
            }
            throw new HostingException(HostingException.Kind.NO_CAPACITY, "No node of the chosen farms has room "
                    + "for a " + order.flavor().displayName() + " 3Bot right now; choose another location.");
        } catch (NoCapacityException e) {
            throw new HostingException(HostingException.Kind.NO_CAPACITY, "No node has room for a "
                    + order.flavor().displayName() + " 3Bot there right now (" + e.getMessage()
                    + "); choose another location.", e);
        }
    }

    private static long nodeId(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException("node", "a node is named by its number, not " + text);
        }
    }

    private Optional<String> farmName(long farmId) {
        return proxy.farms(FarmFilter.builder().farmId(farmId).build(), PageRequest.first(1)).items().stream()
                .filter(f -> f.farmId() == farmId).map(Farm::name).findFirst();
    }

    /**
     * Deploys the plan from where the journal left it, journaling each step as JSON and telling the user about it.
     *
     * <p>A VM (or its disk) its node refuses for lack of capacity is placed again, up to {@value #PLACEMENTS_AGAIN}
     * times, on another node where the user let the 3Bot go (when they chose one node: nowhere else), never on a node
     * that refused it: the refusal is journaled before the attempt cancels what it made, then the new plan (same name,
     * gateway and WireGuard configuration for the user), then what is left of the refused plan is cancelled and the
     * new plan deployed. A resume reads the journal and goes on from there: it never deploys a plan given up, and
     * cancels its contracts if they are still live. The 3Bot returned carries the plan it was deployed with.
     *
     * @throws HostingException {@link HostingException.Kind#DEPLOYMENT_FAILED} when a step fails (what this call
     *                          created is cancelled), or the VM was refused and no other node takes it;
     *                          {@link HostingException.Kind#NAME_TAKEN} when the name is taken
     */
    @Override
    public HostedThreebot deploy(IdentityKeys keys, HostingPlan plan, List<String> journaled, HostingJournal journal,
            Progress progress) throws InterruptedException {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(progress, "progress");
        DeploymentPlan sealed = HostingCodec.readPlan(plan.data());
        Optional<PlacementChoice> choice = HostingCodec.readChoice(plan.data());
        JournaledDeploy state = JournaledDeploy.read(sealed, journaled);
        progress.update(journaled.isEmpty() ? "Deploying " + sealed.fqdn() + " on node "
                + sealed.placement().nodeId() : "Resuming the deploy of " + state.plan().fqdn());
        List<String> all = new ArrayList<>(journaled);
        HostingJournal keeping = entry -> {
            journal.record(entry);
            all.add(entry);
        };
        try (BotTwin twin = grid.twin(keys.seed())) {
            while (true) {
                if (state.refusalPending()) {
                    DeploymentPlan again = placeAgain(twin, state, choice);
                    keeping.record(HostingCodec.placed(again));
                    progress.update("Placed the 3Bot's virtual machine on node " + again.placement().nodeId()
                            + " instead");
                    state = JournaledDeploy.read(sealed, all);
                }
                if (!state.givenUp().isEmpty()) {
                    twin.cancelContracts(state.givenUp());
                }
                DeploymentPlan current = state.plan();
                try {
                    twin.deploy(current, new JournalRelay(current, keeping, progress));
                    return new HostedThreebot(account(keys), hostingPlan(current, choice), all);
                } catch (DeploymentFailedException e) {
                    if (!e.capacityRefused()) {
                        throw failure(current, e);
                    }
                    grid.refusedForCapacity(e.nodeId(), current.size());
                    LOG.info("node {} refused the VM of 3Bot {} for capacity: {}", e.nodeId(), current.name(),
                            e.getMessage());
                    state = JournaledDeploy.read(sealed, all);
                    if (!state.refusalPending()) {
                        throw failure(current, e); // the journal did not say so: never placed again blind
                    }
                }
            }
        }
    }

    /** How many times a VM refused for capacity is placed again before the deploy fails. */
    static final int PLACEMENTS_AGAIN = 3;

    /** A new plan for a refused VM on another node the user's choice allows, never one that refused it. */
    private DeploymentPlan placeAgain(BotTwin twin, JournaledDeploy state, Optional<PlacementChoice> choice)
            throws InterruptedException {
        DeploymentPlan refused = state.plan();
        String why = "The 3Bot could not be deployed: node " + refused.placement().nodeId() + " has no room for its "
                + "virtual machine";
        if (state.placements() >= PLACEMENTS_AGAIN) {
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, why + ", nor had the "
                    + PLACEMENTS_AGAIN + " nodes tried before it. Please try again later, or choose another location.");
        }
        if (choice.isEmpty() || choice.get().nodeId().isPresent()) {
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, why + ", and it may go on no other "
                    + "node. Please try again later, or choose another location.");
        }
        return elsewhere.plan(refused, choice.get(), state.refusedNodes(), to -> twin.planElsewhere(refused, to))
                .orElseThrow(() -> new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, why + ", and no "
                        + "other node where you chose has room for it now. Please try again later, or choose another "
                        + "location."));
    }

    private HostingException failure(DeploymentPlan deployment, DeploymentFailedException e) {
        if (e.getCause() instanceof NameTakenException) {
            return new HostingException(HostingException.Kind.NAME_TAKEN, "The name " + deployment.name()
                    + " was taken on " + gridName + " while the 3Bot was deployed; choose another one.", e);
        }
        return new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, "The 3Bot could not be deployed: "
                + e.getMessage() + ". What this attempt made is cancelled.", e);
    }

    /**
     * Cancels the 3Bot's node contracts (gateway first, networks last), then any other node contract gridproxy lists
     * for the 3Bot's own twin (a change cut short before its record named its new VM leaves one); its twin and name
     * contract stay. An account that cannot pay the cancellations' fees (it ran out) is first sent what it lacks of
     * the fee reserve.
     */
    @Override
    public HostedThreebot stop(IdentityKeys keys, HostedThreebot threebot) {
        JournaledDeploy state = journaled(threebot.plan(), threebot.journaled());
        DeployedBot stopped = withPayableFees(keys, state, twin -> {
            twin.cancelContracts(state.givenUp());
            DeployedBot bot = twin.stop(state.bot());
            twin.cancelContracts(listedFor(ContractFilter.liveOfTwin(twin.twinId(), ContractType.NODE)));
            return bot;
        });
        return new HostedThreebot(threebot.account(), hostingPlan(state.plan(),
                HostingCodec.readChoice(threebot.plan().data())),
                stopped.entries().stream().map(HostingCodec::entry).toList());
    }

    /**
     * Plans a resize (on the 3Bot's node) or a move (to a node the order's farms or node allow, its gateway kept). The
     * plan keeps where its new VM may go should its node refuse it for capacity ({@link #change}): for a resize, the
     * 3Bot's farm; for a move, the order's farms or node.
     *
     * @throws HostingException {@link HostingException.Kind#NO_CAPACITY} when nothing there fits, or the only node
     *                          there is the 3Bot's gateway node
     */
    @Override
    public HostingPlan planChange(IdentityKeys keys, HostedThreebot threebot, Flavor flavor, HostingOrder where)
            throws InterruptedException {
        JournaledDeploy state = journaled(threebot.plan(), threebot.journaled());
        DeploymentPlan old = state.plan();
        BotSize size = BotSize.of(flavor);
        try (BotTwin twin = grid.twin(keys.seed())) {
            Placement to = old.placement();
            if (where.nodeId().isPresent() || !where.farmIds().isEmpty()) {
                Placement chosen = place(twin.twinId(), size, where);
                to = old.placement().withNode(chosen.nodeId(), chosen.nodeTwin(), chosen.farmId());
            }
            if (to.nodeId() == to.gatewayNodeId() && to.nodeId() != old.placement().nodeId()) {
                throw new HostingException(HostingException.Kind.NO_CAPACITY, "The only node with room there is "
                        + "the 3Bot's gateway node; choose another location.");
            }
            DeploymentPlan changed;
            try {
                changed = twin.planMove(state.bot(), size, to);
            } catch (InvalidInputException e) {
                throw new HostingException(HostingException.Kind.NO_CAPACITY, "This 3Bot cannot be resized or "
                        + "moved there: " + e.getMessage() + ".", e);
            }
            boolean move = where.nodeId().isPresent() || !where.farmIds().isEmpty();
            ChangeScope scope = move
                    ? new ChangeScope(false, new PlacementChoice(where.farmIds(), where.nodeId()
                            .map(TfgridHosting::nodeId)))
                    : new ChangeScope(true, new PlacementChoice(List.of(old.placement().farmId()), Optional.empty()));
            Placement at = changed.placement();
            return new HostingPlan(changed.fqdn(), Long.toString(at.nodeId()), at.farmId(), changed.vmIp(),
                    changed.userWireguardConfig(), HostingCodec.changePlan(changed,
                            HostingCodec.readChoice(threebot.plan().data()), scope));
        }
    }

    /**
     * Moves or resizes the 3Bot without downtime ({@link BotTwin#move}), from where the change's journal left it. A new
     * VM its node refuses for capacity is placed again, up to {@value #PLACEMENTS_AGAIN} times: a resize's on another
     * node of the 3Bot's farm, a move's on another node of the farms chosen (a node chosen: nowhere else), never on a
     * node that refused it in this change; journaled as a deploy's re-placement is, so a resume creates nothing twice.
     * The 3Bot returned carries the plan its new VM runs with (its node, farm and address), and, journaled as given up,
     * an old contract whose cancellation failed once the new VM served (its next stop, destroy or change cancels it).
     *
     * @throws HostingException {@link HostingException.Kind#DEPLOYMENT_FAILED} when a step fails, no node takes the
     *                          new VM or the grid fails otherwise before the gateway switched: every contract the
     *                          change made is cancelled and the old VM runs ({@link JournaledChange})
     */
    @Override
    public HostedThreebot change(IdentityKeys keys, HostedThreebot threebot, HostingPlan changed,
                                 List<String> journaled, HostingJournal journal, Progress progress)
            throws InterruptedException {
        Objects.requireNonNull(journal, "journal");
        Objects.requireNonNull(progress, "progress");
        try (BotTwin twin = grid.twin(keys.seed())) {
            return changes.run(twin, threebot, changed, List.copyOf(journaled), journal, progress);
        }
    }

    /** The 3Bot's state from its contracts on the chain. */
    @Override
    public HostingStatus status(HostedThreebot threebot, Optional<HostingStatus.State> previous) {
        return statuses.status(journaled(threebot.plan(), threebot.journaled()).bot(), previous);
    }

    /** The account's spendable balance and its contracts' hourly cost from their bills. */
    @Override
    public FundedCapacity funding(HostedThreebot threebot) {
        Funding funding = grid.funding(threebot.account());
        return new FundedCapacity(clamp(funding.spendable()), funding.hourlyCost().map(TfgridHosting::clamp),
                funding.timeLeft());
    }

    /**
     * Cancels every contract of the plan's 3Bot: journaled ones (those of plans its VM was placed away from too),
     * those found by deployment hash and name, and those gridproxy lists for the 3Bot's own twin (a change cut short
     * may have made some its record does not name). An account that cannot pay the cancellations' fees (it ran out)
     * is first sent what it lacks of the fee reserve.
     */
    @Override
    public void destroy(IdentityKeys keys, HostingPlan plan, List<String> journaled) {
        JournaledDeploy state = journaled(plan, journaled);
        withPayableFees(keys, state, twin -> {
            twin.cancelContracts(state.givenUp());
            twin.cancelContracts(listedFor(ContractFilter.liveOfTwin(twin.twinId())));
            twin.destroy(state.bot());
            return state.bot();
        });
    }

    /**
     * The contracts gridproxy lists for a 3Bot's own twin under {@code filter}, every one of which is the 3Bot's: a
     * change cut short before its record named its new VM leaves contracts only this finds. Gridproxy indexes the
     * chain a few seconds late (a contract it still lists that the chain no longer holds is skipped by the
     * cancellation), and one that cannot answer now leaves this to what the journal and the plan find (logged): what
     * such a contract could bill is at most what the account holds, which a destroy sends back.
     */
    private List<Long> listedFor(ContractFilter filter) {
        try {
            return proxy.contracts(filter, PageRequest.first(100)).items().stream()
                    .map(GridContract::contractId).toList();
        } catch (DeployerException e) {
            LOG.warn("gridproxy did not list the contracts of the 3Bot's twin; cancelling those journaled and found "
                    + "by the plan: {}", e.toString());
            return List.of();
        }
    }

    /**
     * Cancels contracts of the 3Bot with what their fees need on its account. Cancelling a contract in its grace
     * period first bills what it owes, which takes what the account holds, the fee reserve included: the next
     * cancellation then cannot pay its fee (the pool refuses it before it costs anything). So the reserve is sent
     * again and the cancellations run again (only contracts still live are cancelled), at most twice more than there
     * are journaled contracts: the operator pays at most that many reserves for one call.
     */
    private DeployedBot withPayableFees(IdentityKeys keys, JournaledDeploy state, Cancellations cancellations) {
        String account = account(keys);
        int attempts = state.bot().entries().size() + state.givenUp().size() + 2;
        for (int attempt = 1; ; attempt++) {
            payableFees(account);
            try (BotTwin twin = grid.twin(keys.seed())) {
                return cancellations.run(twin);
            } catch (NotEnoughFundsException e) {
                if (e.dispatchError().isPresent() || attempt >= attempts) {
                    throw e;
                }
                LOG.info("a cancellation on {} took the fee reserve for what its contract owed; sending it again",
                        account);
            }
        }
    }

    /** Cancellations made on a 3Bot's twin. */
    @FunctionalInterface
    private interface Cancellations {
        DeployedBot run(BotTwin twin);
    }

    /**
     * Sends an account what it lacks of {@link ThreebotGrid#RECLAIM_RESERVE} (0.01 TFT), so that it can pay the fees
     * of cancelling its contracts: a 3Bot whose account ran out can still be stopped or destroyed. The operator pays
     * it, outside the daily cap (it is at most the reserve each time; {@link #withPayableFees} bounds the times).
     */
    private void payableFees(String account) {
        BigInteger spendable = grid.chain().account(account).spendable();
        BigInteger lacking = ThreebotGrid.RECLAIM_RESERVE.subtract(spendable);
        if (lacking.signum() > 0) {
            LOG.info("sending {} to {} for the fees of cancelling its contracts", lacking, account);
            try {
                grid.fund(account, lacking);
            } catch (TransferOutcomeUnknownException | NotEnoughFundsException e) {
                throw new HostingException(HostingException.Kind.OPERATOR_UNDERFUNDED, "The 3Bot's account cannot "
                        + "pay the fees of cancelling its contracts, and the operator's account could not send them "
                        + "now; try again later.", e);
            }
        }
    }

    /** The plan and its journal read back: the plan deployed now is the journal's last placement. */
    private static JournaledDeploy journaled(HostingPlan plan, List<String> journaled) {
        return JournaledDeploy.read(HostingCodec.readPlan(plan.data()), journaled);
    }

    private static long clamp(BigInteger value) {
        return value.min(BigInteger.valueOf(Long.MAX_VALUE)).max(BigInteger.ZERO).longValue();
    }

    /** Configures a {@link TfgridHosting}. */
    public static final class Builder {
        private ThreebotGrid grid;
        private GridProxyClient proxy;
        private String network;
        private Long tftPriceMusd;
        private long trafficBytesPerMonth;
        private boolean owned;

        private Builder() {
        }

        /** The v3 engine, with the operator's key (required); it stays the caller's to close. */
        public Builder grid(ThreebotGrid engine) {
            this.grid = engine;
            return this;
        }

        /** The gridproxy client the grid uses (required). */
        public Builder gridProxy(GridProxyClient client) {
            this.proxy = client;
            return this;
        }

        /**
         * What a network's settings say: a {@link ThreebotGrid} on its endpoints with the operator's key
         * ({@link ThreebotGrid.Builder#settings}), its gridproxy and its name. The engine is this hosting's: close it
         * with {@link TfgridHosting#close()}.
         */
        public Builder settings(TfgridSettings settings) {
            ThreebotGrid.Builder engine = ThreebotGrid.builder().settings(settings);
            this.proxy = settings.gridProxyClient().build();
            this.grid = engine.gridProxy(proxy).build();
            this.owned = true;
            return network(settings.network().networkName());
        }

        /** The network's name for {@link #gridName()} ({@code devnet}, {@code mainnet}, ...). */
        public Builder network(String name) {
            this.network = name == null || name.isBlank() ? null : name.trim();
            return this;
        }

        /**
         * The TFT price, in thousandths of a USD, quotes use on a chain that has no {@code TFTPriceModule}; a chain
         * that has one gives its own.
         */
        public Builder tftPriceMusd(long price) {
            if (price < 1) {
                throw new InvalidInputException("tftPriceMusd", "a TFT price is positive");
            }
            this.tftPriceMusd = price;
            return this;
        }

        /**
         * The traffic each 3Bot is expected to have through its gateway a month, in bytes, which quotes fund at the
         * pricing policy's network-unit price; none by default. The grid bills a 3Bot's traffic from its balance
         * as it happens, so a 3Bot with more traffic than funded runs out of funds that much sooner.
         *
         * @throws InvalidInputException when negative
         */
        public Builder trafficPerMonth(long bytes) {
            if (bytes < 0) {
                throw new InvalidInputException("trafficPerMonth", "traffic is 0 bytes or more");
            }
            this.trafficBytesPerMonth = bytes;
            return this;
        }

        /**
         * The hosting.
         *
         * @throws InvalidInputException when the grid or gridproxy is missing
         */
        public TfgridHosting build() {
            if (grid == null || proxy == null) {
                throw new InvalidInputException("hosting", "the grid and gridproxy are required");
            }
            return new TfgridHosting(this);
        }
    }
}
