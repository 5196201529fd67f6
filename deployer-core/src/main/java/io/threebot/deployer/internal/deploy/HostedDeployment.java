package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.billing.Tft;
import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.internal.backup.BackupTokens;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.model.Secret;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.HostingException;
import io.threebot.deployer.spi.HostingOrder;
import io.threebot.deployer.spi.HostingPlan;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.ThreebotHosting;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys a 3Bot on a grid that hosts whole 3Bots ({@link ThreebotHosting}, TFGrid v3) as a journaled saga: takes the
 * user's payment, tops up the 3Bot's own account with what they paid for its capacity (once, within the operator's
 * daily cap), plans its placement, deploys it step by step with every step journaled, records it and waits until it
 * answers. A deployment that cannot finish cancels what it made and refunds the user in full; interrupted, it resumes
 * from its journal without paying or creating anything twice.
 */
public final class HostedDeployment implements DeploySteps {
    private static final Logger LOG = LoggerFactory.getLogger(HostedDeployment.class);
    static final String PLAN = "hosting-plan";
    static final String ENTRY_PREFIX = "hosting-entry-";

    /** What a hosted deployment works with. */
    public record Parts(DeployerSettings settings, ThreebotHosting hosting, IdentityService identities,
                        PoolProvisioner pools, NameReservations names,
                        ThreebotRepository threebots, HostedRecords hosted, BackupTokens tokens,
                        PasswordHasher hasher, ReadinessWaiter readiness, SecretSealer sealer, StateStore store,
                        DeploymentNotices notices, Clock clock) {
    }

    private final Parts p;
    private final Undoing undoing;
    private final AccountFunding funding;
    private final SealedJson json;
    private final InitializeStep initialize;

    public HostedDeployment(Parts parts) {
        this.p = parts;
        this.undoing = new Undoing(p.pools(), p.names(), p.notices());
        this.funding = new AccountFunding(p.hosting(), p.pools());
        this.json = new SealedJson(p.sealer());
        this.initialize = new InitializeStep(p.store(), p.threebots(), p.readiness(),
                p.settings().readinessTimeout(), p.notices());
    }

    @Override
    public boolean registersIdentity() {
        return false;
    }

    private Saga saga(DeployOrder order) {
        return Saga.open(p.store(), order.deploymentId(), order.owner(), order.name(), p.clock());
    }

    @Override
    public void setUp(DeployOrder order, String password, Progress userProgress) throws InterruptedException {
        p.notices().timed(order, "set-up", () -> {
            Saga saga = saga(order);
            finishUndoingIfBegun(order, saga, "set-up", password);
            if (saga.done(PLAN, String.class).isPresent()) {
                return null;
            }
            Progress progress = p.notices().observed(order, "set-up", userProgress);
            try {
                p.notices().event(order, DeploymentEvent.Kind.STARTED, "set-up",
                        "deploying " + order.name() + " (" + order.flavor() + ") on " + p.hosting().gridName());
                order.paid().ifPresent(paid -> p.pools().fund(saga, order.owner(), paid, "", order.name(),
                        order.flavor(), order.days()));
                p.names().reserve(order.identityName(), order.deploymentId(), order.name());
                IdentityKeys keys = p.identities().keys(order.identityName(), password);
                funding.fund(saga, p.hosting().account(keys), progress);
                HostingPlan plan = plan(saga, order, keys, password);
                progress.update("Your 3Bot will run on node " + plan.nodeId() + " and be reachable as "
                        + plan.fqdn() + ".");
                p.notices().event(order, DeploymentEvent.Kind.STEP_DONE, "set-up", "node " + plan.nodeId() + ", "
                        + plan.fqdn());
                return null;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                throw p.notices().failed(order, "set-up", compensate(saga, order, password, e));
            }
        });
    }

    /** {@link #setUp}: the hosting waits inside its own calls. */
    @Override
    public void setUpOrPause(DeployOrder order, String password, Progress progress) throws InterruptedException {
        setUp(order, password, progress);
    }

    private HostingPlan plan(Saga saga, DeployOrder order, IdentityKeys keys, String password) {
        String sealed = saga.step(PLAN, String.class, () -> {
            Secret backupToken = Secret.of(p.tokens().issue(order.identityName()));
            Map<String, String> env = ThreebotWorkloads.vmEnvironment(p.settings(), order.name(), order.owner(),
                    order.sshKey(), Secret.of(p.identities().containerSecret(order.identityName(), password)),
                    backupToken);
            HostingOrder hostingOrder = new HostingOrder(order.name(), order.flavor(),
                    order.farms().stream().map(EligibleFarm::id).toList(), order.nodeId(), env);
            return json.seal(HostingCalls.interruptible(() -> p.hosting().plan(keys, hostingOrder),
                    HostedDeployment::shutdown));
        });
        return json.open(sealed, HostingPlan.class);
    }

    @Override
    public Threebot reserve(DeployOrder order, String password, Progress userProgress) throws InterruptedException {
        return p.notices().timed(order, "deploy", () -> {
            Saga saga = saga(order);
            Optional<Threebot> finished = saga.done(DeploymentJournal.RESULT_KEY, String.class)
                    .flatMap(uuid -> p.threebots().find(uuid));
            if (finished.isPresent()) {
                if (saga.journal().outcome() == DeploymentJournal.Outcome.IN_PROGRESS) {
                    p.pools().settle(saga);
                    saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
                }
                return finished.get();
            }
            finishUndoingIfBegun(order, saga, "deploy", password);
            Progress progress = p.notices().observed(order, "deploy", userProgress);
            try {
                HostingPlan plan = plannedIn(saga).orElseThrow(() -> new IllegalStateException("deployment "
                        + saga.id() + " was not set up"));
                IdentityKeys keys = p.identities().keys(order.identityName(), password);
                List<String> journaled = journaled(saga);
                int[] next = {journaled.size()};
                progress.update("Deploying your 3Bot on node " + plan.nodeId() + " as " + plan.fqdn()
                        + "; this takes a few minutes.");
                HostedThreebot deployed = p.hosting().deploy(keys, plan, journaled,
                        entry -> saga.record(entryKey(next[0]++), entry), progress);
                Threebot threebot = record(saga, order, password, deployed);
                p.pools().settle(saga);
                saga.end(DeploymentJournal.Outcome.SUCCEEDED, "");
                p.notices().event(order, DeploymentEvent.Kind.STEP_DONE, "deploy", "3Bot " + threebot.uuid()
                        + " on node " + plan.nodeId());
                return threebot;
            } catch (RuntimeException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                throw p.notices().failed(order, "deploy", compensate(saga, order, password, e));
            }
        });
    }

    private Threebot record(Saga saga, DeployOrder order, String password, HostedThreebot deployed) {
        Instant now = p.clock().instant();
        HostingPlan plan = deployed.plan();
        Threebot threebot = new Threebot(order.solutionUuid(), order.name(), order.owner(), order.identityName(), 0,
                order.flavor(), plan.farmId(), farm(order, plan.farmId()).map(EligibleFarm::name).orElse(""),
                farm(order, plan.farmId()).map(EligibleFarm::continent).orElse(""), plan.nodeId(), 0,
                plan.fqdn(), plan.privateIp(), ThreebotState.RUNNING, List.of(), p.hasher().hash(password), now,
                Optional.of(now.plus(Duration.ofDays(order.days()))), order.deploymentId(), order.sshKey());
        p.hosted().save(threebot.uuid(), threebot.owner(), deployed);
        saga.recordResult(threebot.uuid());
        p.threebots().save(threebot);
        return threebot;
    }

    private static Optional<EligibleFarm> farm(DeployOrder order, long farmId) {
        return order.farms().stream().filter(f -> f.id() == farmId).findFirst();
    }

    @Override
    public Threebot awaitReady(DeployOrder order, Progress progress) throws InterruptedException {
        return initialize.await(order, false, progress);
    }

    @Override
    public Threebot lookReady(DeployOrder order, Progress progress) throws InterruptedException {
        return initialize.look(order, false, progress);
    }

    /** Waits on this thread: the hosting's deploy waits for its workloads within its own calls. */
    @Override
    public Threebot reserveOrPause(DeployOrder order, String password, Progress progress)
            throws InterruptedException {
        return reserve(order, password, progress);
    }

    @Override
    public String wireGuardConfig(DeployOrder order) {
        return Saga.doneIn(p.store(), order.deploymentId(), PLAN, String.class)
                .map(sealed -> json.open(sealed, HostingPlan.class).wireGuardConfig())
                .orElseThrow(() -> new IllegalStateException("deployment " + order.deploymentId() + " has no plan"));
    }

    // ---- undoing ---------------------------------------------------------------------------------------------

    /** A deployment whose undoing began is never taken up again: its undoing is finished instead. */
    private void finishUndoingIfBegun(DeployOrder order, Saga saga, String step, String password) {
        DeploymentJournal journal = saga.journal();
        if (!journal.outcome().undoing()) {
            return;
        }
        String why = journal.failure() == null || journal.failure().isBlank()
                ? "Your 3Bot could not be deployed, and what was set up for it was undone." : journal.failure();
        throw p.notices().failed(order, step, compensate(saga, order, password, new StopFlowException(why)));
    }

    private CompensatedException compensate(Saga saga, DeployOrder order, String password, RuntimeException cause) {
        RuntimeException shown = cause instanceof HostingException hosting
                ? new StopFlowException(userMessage(hosting), hosting) : cause;
        return undoing.compensate(saga, shown, () -> {
            IdentityKeys keys = p.identities().keys(order.identityName(), password);
            Optional<HostingPlan> plan = plannedIn(saga);
            if (plan.isPresent()) {
                p.hosting().destroy(keys, plan.get(), journaled(saga));
            }
            // the capacity money goes back to the operator, who refunds the user in full
            if (funding.funded(saga)) {
                long back = p.hosting().reclaim(keys);
                LOG.info("Deployment {} sent {} TFT of its 3Bot's account back to the operator", saga.id(),
                        Tft.format(back));
            }
            return 0;
        });
    }

    /**
     * What the user reads of a hosting's failure: its message as it is when that is a whole sentence already (as
     * TFGrid v3's are: "The 3Bot could not be deployed: ... ."), else that reason after a sentence of our own.
     */
    private String userMessage(HostingException e) {
        String reason = e.getMessage() == null ? "" : e.getMessage().strip();
        if (reason.endsWith(".") && !reason.isEmpty() && Character.isUpperCase(reason.charAt(0))) {
            return reason;
        }
        return switch (e.kind()) {
            case NO_CAPACITY -> "No node on " + p.hosting().gridName() + " has room for your 3Bot where you chose: "
                    + e.getMessage() + ".";
            case NAME_TAKEN -> "The name is taken on " + p.hosting().gridName() + "; please choose another.";
            case DEPLOYMENT_FAILED -> "Your 3Bot could not be deployed: " + e.getMessage() + ".";
            case TRANSFER_UNKNOWN, OPERATOR_UNDERFUNDED -> "Your 3Bot's capacity could not be paid for: "
                    + e.getMessage() + ".";
        };
    }

    // ---- journal ---------------------------------------------------------------------------------------------

    private Optional<HostingPlan> plannedIn(Saga saga) {
        return saga.done(PLAN, String.class).map(sealed -> json.open(sealed, HostingPlan.class));
    }

    /** What the hosting's deploys journaled, in order. */
    private static List<String> journaled(Saga saga) {
        List<String> keys = new ArrayList<>(saga.keysNewestFirst(ENTRY_PREFIX));
        Collections.sort(keys);
        List<String> entries = new ArrayList<>();
        DeploymentJournal journal = saga.journal();
        for (String key : keys) {
            entries.add(journal.entries().get(key).value().asText());
        }
        return entries;
    }

    private static String entryKey(int index) {
        return ENTRY_PREFIX + String.format("%04d", index);
    }

    /** The step's error when a call is interrupted: it ends as a shutdown does (the step resumes later). */
    private static StopFlowException shutdown(InterruptedException e) {
        return new StopFlowException("The deployer is shutting down; your deployment resumes when it is back.", e);
    }
}
