package io.threebot.deployer.testing;

import io.threebot.deployer.crypto.IdentityKeys;
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
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.ThreebotHosting;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A hosting grid in memory, for core's tests of the deployer on a {@link ThreebotHosting}: two farms, a deploy of four
 * steps (network, vm, name, gateway), each a contract; balances per account; faults to inject (a step that fails, a
 * step that blocks). Contracts are keyed by account and step, so a deploy made twice shows as a second contract.
 */
public final class InMemoryHosting implements ThreebotHosting {
    /** The steps of a deploy, each one contract. */
    public static final List<String> STEPS = List.of("network", "vm", "name", "gateway");
    /** What a Silver 3Bot costs a day here; the larger sizes cost 2 and 4 times as much. */
    public static final long SILVER_PER_DAY = 2_400_000;
    /** What a transfer costs the account that sends it. */
    public static final long TRANSFER_FEE = 1_000;

    /** A contract: what step of which account's deploy made it, and whether it is cancelled. */
    public record Contract(long id, String account, String step, boolean cancelled) {
    }

    private final Map<String, Long> balances = new ConcurrentHashMap<>();
    private final Map<Long, Contract> contracts = new ConcurrentHashMap<>();
    private final List<Long> topUps = new CopyOnWriteArrayList<>();
    private final List<Long> reclaimed = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger(100);
    private final Map<String, HostingStatus.State> forcedStates = new ConcurrentHashMap<>();
    private final Map<String, String> accountsByFqdn = new ConcurrentHashMap<>();
    private volatile String failingStep = "";
    private volatile CountDownLatch blockAt;
    private volatile String blockingStep = "";
    private volatile long costPerHour;
    private volatile RuntimeException fundingFailure;
    private final AtomicReference<String> elsewhere = new AtomicReference<>("");
    private final AtomicReference<String> changeElsewhere = new AtomicReference<>("");
    private final List<List<String>> changesJournaled = new CopyOnWriteArrayList<>();
    private final AtomicReference<RuntimeException> afterChangeJournal = new AtomicReference<>();

    @Override
    public String gridName() {
        return "the test grid";
    }

    @Override
    public List<HostingFarm> farms(Flavor flavor) {
        return List.of(new HostingFarm(1, "freefarm", "Europe"), new HostingFarm(2, "torontofarm", "North America"));
    }

    @Override
    public List<HostingNode> nodes(Collection<Long> farmIds, Flavor flavor) {
        return farmIds.stream().flatMap(f -> List.of(new HostingNode(f * 10 + 1 + "", f, "BE"),
                new HostingNode(f * 10 + 2 + "", f, "BE")).stream()).toList();
    }

    @Override
    public long quote(Flavor flavor, Duration period) {
        long factor = flavor == Flavor.SILVER ? 1 : flavor == Flavor.GOLD ? 2 : 4;
        return SILVER_PER_DAY * factor * period.toSeconds() / Duration.ofDays(1).toSeconds();
    }

    @Override
    public String account(IdentityKeys keys) {
        return "acct-" + keys.publicKeyHex().substring(0, 16);
    }

    @Override
    public long topUp(String account, long stroops) {
        topUps.add(stroops);
        return balances.merge(account, stroops, Long::sum);
    }

    @Override
    public long reclaim(IdentityKeys keys) {
        long back = Math.max(0, balance(account(keys)) - TRANSFER_FEE);
        balances.put(account(keys), 0L);
        reclaimed.add(back);
        return back;
    }

    @Override
    public long balance(String account) {
        return balances.getOrDefault(account, 0L);
    }

    @Override
    public HostingPlan plan(IdentityKeys keys, HostingOrder order) {
        if (balance(account(keys)) <= 0) {
            throw new HostingException(HostingException.Kind.OPERATOR_UNDERFUNDED, "the account has no funds");
        }
        long farm = order.farmIds().isEmpty() ? 1 : order.farmIds().get(0);
        String node = order.nodeId().orElse(farm * 10 + 1 + "");
        String fqdn = order.name() + ".gent01.test.grid.tf";
        accountsByFqdn.put(fqdn, account(keys));
        return new HostingPlan(fqdn, node, farm, "10.20.2.2",
                "[Interface]\nPrivateKey = " + HexFormat.of().formatHex(keys.seed()).substring(0, 8) + "\n",
                "{\"name\":\"" + order.name() + "\",\"env\":" + order.environment().size() + "}");
    }

    @Override
    public HostedThreebot deploy(IdentityKeys keys, HostingPlan plan, List<String> journaled, HostingJournal journal,
                                 Progress progress) throws InterruptedException {
        String account = account(keys);
        List<String> entries = new ArrayList<>(journaled);
        HostingPlan placed = placedElsewhere(plan, progress);
        for (String step : STEPS) {
            if (entries.stream().anyMatch(e -> e.startsWith(step + ":"))) {
                continue; // journaled before: made already
            }
            Optional<Contract> found = live(account).stream().filter(c -> c.step().equals(step)).findFirst();
            if (step.equals(blockingStep) && blockAt != null) {
                blockAt.countDown();
                Thread.sleep(Long.MAX_VALUE);
            }
            if (step.equals(failingStep)) {
                entries.stream().map(e -> Long.parseLong(e.substring(e.indexOf(':') + 1))).forEach(this::cancel);
                throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, "the " + step
                        + " did not come up on node " + plan.nodeId());
            }
            long id = found.map(Contract::id).orElseGet(() -> {
                long next = ids.incrementAndGet();
                contracts.put(next, new Contract(next, account, step, false));
                return next;
            });
            progress.update("Created the " + step + " contract " + id + ".");
            String entry = step + ":" + id;
            journal.record(entry);
            entries.add(entry);
        }
        return new HostedThreebot(account, placed, entries);
    }

    /** The plan with its VM on that node (of the farm its id names). */
    private static HostingPlan onNode(HostingPlan plan, String node) {
        return new HostingPlan(plan.fqdn(), node, Long.parseLong(node) / 10, plan.privateIp(), plan.wireGuardConfig(),
                plan.data());
    }

    /** The plan on the node {@link #placeElsewhereOnNextDeploy} named, once, as if the planned node had refused. */
    private HostingPlan placedElsewhere(HostingPlan plan, Progress progress) {
        String node = elsewhere.getAndSet("");
        if (node.isEmpty()) {
            return plan;
        }
        progress.update("Node " + plan.nodeId() + " refused the vm; placed again on node " + node + ".");
        return onNode(plan, node);
    }

    @Override
    public HostedThreebot stop(IdentityKeys keys, HostedThreebot threebot) {
        live(account(keys)).stream().filter(c -> !c.step().equals("name")).forEach(c -> cancel(c.id()));
        return new HostedThreebot(threebot.account(), threebot.plan(),
                threebot.journaled().stream().filter(e -> e.startsWith("name:")).toList());
    }

    @Override
    public HostingPlan planChange(IdentityKeys keys, HostedThreebot threebot, Flavor flavor, HostingOrder where) {
        HostingPlan old = threebot.plan();
        long farm = where.farmIds().isEmpty() ? old.farmId() : where.farmIds().get(0);
        String node = where.nodeId().orElse(where.farmIds().isEmpty() ? old.nodeId() : farm * 10 + 2 + "");
        return new HostingPlan(old.fqdn(), node, farm, old.privateIp(), old.wireGuardConfig(),
                old.data().replaceFirst("\\}$", ",\"flavor\":\"" + flavor + "\"}"));
    }

    @Override
    public HostedThreebot change(IdentityKeys keys, HostedThreebot threebot, HostingPlan changed,
                                 List<String> journaled, HostingJournal journal, Progress progress)
            throws InterruptedException {
        String account = account(keys);
        changesJournaled.add(List.copyOf(journaled));
        if ("vm".equals(blockingStep) && blockAt != null) {
            blockAt.countDown();
            Thread.sleep(Long.MAX_VALUE);
        }
        if ("vm".equals(failingStep)) {
            throw new HostingException(HostingException.Kind.DEPLOYMENT_FAILED, "the new vm did not come up on node "
                    + changed.nodeId());
        }
        HostingPlan placed = journaled.stream().filter(e -> e.startsWith("placed:")).findFirst()
                .map(e -> onNode(changed, e.substring("placed:".length()))).orElse(changed);
        String node = changeElsewhere.getAndSet("");
        if (!node.isEmpty()) {
            String entry = "placed:" + node;
            journal.record(entry);
            progress.update("Node " + changed.nodeId() + " refused the new vm; placed again on node " + node + ".");
            placed = onNode(changed, node);
        }
        Optional<String> made = journaled.stream().filter(e -> e.startsWith("vm:")).findFirst();
        String entry;
        if (made.isPresent()) {
            entry = made.get(); // journaled before: made already
        } else {
            long id = ids.incrementAndGet();
            contracts.put(id, new Contract(id, account, "vm", false));
            entry = "vm:" + id;
            journal.record(entry);
            progress.update("Created the vm contract " + id + " on node " + placed.nodeId() + ".");
        }
        if ("changed".equals(blockingStep) && blockAt != null) {
            blockAt.countDown();
            Thread.sleep(Long.MAX_VALUE);
        }
        RuntimeException cut = afterChangeJournal.getAndSet(null);
        if (cut != null) {
            throw cut;
        }
        List<String> entries = new ArrayList<>();
        for (String e : threebot.journaled()) {
            if (e.startsWith("vm:")) {
                cancel(Long.parseLong(e.substring(3)));
            } else {
                entries.add(e);
            }
        }
        entries.add(entry);
        return new HostedThreebot(threebot.account(), placed, entries);
    }

    @Override
    public HostingStatus status(HostedThreebot threebot, Optional<HostingStatus.State> previous) {
        HostingStatus.State forced = forcedStates.get(threebot.account());
        if (forced != null) {
            if (forced == HostingStatus.State.GONE && previous.filter(p -> p == HostingStatus.State.GRACE_PERIOD
                    || p == HostingStatus.State.DELETED_OUT_OF_FUNDS).isPresent()) {
                return new HostingStatus(HostingStatus.State.DELETED_OUT_OF_FUNDS, "contracts gone after grace");
            }
            return new HostingStatus(forced, forced.name().toLowerCase());
        }
        long live = live(threebot.account()).size();
        return live == STEPS.size() ? new HostingStatus(HostingStatus.State.RUNNING, "all contracts live")
                : live == 0 ? new HostingStatus(HostingStatus.State.GONE, "no contract")
                : new HostingStatus(HostingStatus.State.INCOMPLETE, live + " contracts live");
    }

    @Override
    public FundedCapacity funding(HostedThreebot threebot) {
        RuntimeException failure = fundingFailure;
        if (failure != null) {
            throw failure;
        }
        long balance = balance(threebot.account());
        return costPerHour == 0 ? new FundedCapacity(balance, Optional.empty(), Optional.empty())
                : new FundedCapacity(balance, Optional.of(costPerHour),
                Optional.of(Duration.ofSeconds(balance * 3600 / costPerHour)));
    }

    @Override
    public void destroy(IdentityKeys keys, HostingPlan plan, List<String> journaled) {
        live(account(keys)).forEach(c -> cancel(c.id()));
    }

    private void cancel(long id) {
        contracts.computeIfPresent(id, (k, c) -> new Contract(c.id(), c.account(), c.step(), true));
    }

    /** The live contracts of an account. */
    public List<Contract> live(String account) {
        return contracts.values().stream().filter(c -> c.account().equals(account) && !c.cancelled()).toList();
    }

    /** Every contract ever made, cancelled or not. */
    public List<Contract> contracts() {
        return List.copyOf(contracts.values());
    }

    /** The amounts sent to accounts, in order. */
    public List<Long> topUps() {
        return List.copyOf(topUps);
    }

    /** The amounts accounts sent back to the operator, in order. */
    public List<Long> reclaimed() {
        return List.copyOf(reclaimed);
    }

    /** Makes deploys fail at this step, cancelling what they made. */
    public void failAt(String step) {
        failingStep = step;
    }

    /**
     * Makes deploys block at this step until interrupted; the latch opens when one arrives there. A change blocks at
     * {@code "vm"} before it makes its new VM, and at {@code "changed"} once it made and journaled it.
     */
    public CountDownLatch blockAt(String step) {
        blockingStep = step;
        blockAt = new CountDownLatch(1);
        return blockAt;
    }

    /** Clears the faults. */
    public void clearFaults() {
        failingStep = "";
        blockingStep = "";
        fundingFailure = null;
    }

    /** Reading an account's funding fails with {@code failure} (the grid cannot say) until {@link #clearFaults()}. */
    public void failFunding(RuntimeException failure) {
        fundingFailure = failure;
    }

    /**
     * Makes the next deploy place its VM on this node (of the farm its id names, {@code "21"} on farm 2) instead of the
     * planned one, as a grid does when the planned node refuses the VM for capacity; the deploy returns that plan.
     */
    public void placeElsewhereOnNextDeploy(String nodeId) {
        Long.parseLong(nodeId); // a node of this grid: its farm is its id divided by ten
        elsewhere.set(nodeId);
    }

    /**
     * Makes the next change put its new VM on this node (of the farm its id names) instead of the planned one, as a
     * grid does when the planned node refuses it for capacity: journaled ({@code placed:<node>}) before the VM is made,
     * and the change returns that plan.
     */
    public void placeElsewhereOnNextChange(String nodeId) {
        Long.parseLong(nodeId);
        changeElsewhere.set(nodeId);
    }

    /** Makes the next change throw this once it made and journaled its new VM, before it cancels the old one. */
    public void failNextChangeAfterJournal(RuntimeException failure) {
        afterChangeJournal.set(failure);
    }

    /** The entries each change was given as journaled before it, one list per call, in order. */
    public List<List<String>> changesJournaled() {
        return List.copyOf(changesJournaled);
    }

    /** Makes an account's status read as this state. */
    public void force(String account, HostingStatus.State state) {
        forcedStates.put(account, state);
    }

    /** Makes the grid have billed every contract, at this cost an hour. */
    public void billAt(long perHour) {
        costPerHour = perHour;
    }

    /** A probe that finds a 3Bot answering when its account has every contract live and is not paused. */
    public ReachabilityProbe probe() {
        return (uri, timeout) -> Optional.ofNullable(accountsByFqdn.get(uri.getHost()))
                .filter(a -> live(a).size() == STEPS.size() && !forcedStates.containsKey(a)).isPresent();
    }
}
