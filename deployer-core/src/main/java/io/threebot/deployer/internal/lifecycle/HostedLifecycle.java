package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;

import io.threebot.deployer.billing.PaymentRequiredException;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.ReadinessWaiter;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.HostedThreebot;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.ThreebotHosting;
import io.threebot.deployer.crypto.IdentityKeys;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Stop, start and restart of a 3Bot on a hosting grid (TFGrid v3): a stop cancels the contracts its capacity is billed
 * for and keeps its account and name; a start deploys its plan again, paid from what its account holds, with every
 * step journaled in its record so that a start cut short resumes without creating anything twice.
 */
final class HostedLifecycle {
    private final OperationGuard guard;
    private final OwnerAccess access;
    private final ThreebotHosting hosting;
    private final HostedRecords records;
    private final IdentityService identities;
    private final ThreebotRepository threebots;
    private final ReadinessWaiter readiness;
    private final Duration readinessTimeout;
    private final Clock clock;

    HostedLifecycle(OperationGuard guard, OwnerAccess access, ThreebotHosting hosting, HostedRecords records,
                    IdentityService identities, ThreebotRepository threebots, ReadinessWaiter readiness,
                    Duration readinessTimeout, Clock clock) {
        this.guard = guard;
        this.access = access;
        this.hosting = hosting;
        this.records = records;
        this.identities = identities;
        this.threebots = threebots;
        this.readiness = readiness;
        this.readinessTimeout = readinessTimeout;
        this.clock = clock;
    }

    /** Cancels the contracts the 3Bot's capacity is billed for; its account, name and backups stay. */
    Threebot stop(String owner, String uuid, String password) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, ThreebotState::isLive, "stop");
            return stopped(threebot, password);
        });
    }

    private Threebot stopped(Threebot threebot, String password) {
        HostedThreebot hosted = record(threebot);
        HostedThreebot stopped = call(threebot, "stopped", () -> hosting.stop(keys(threebot, password), hosted));
        records.save(threebot.uuid(), stopped);
        return threebots.update(threebot.uuid(), t -> t.withState(ThreebotState.STOPPED));
    }

    /**
     * Deploys a stopped 3Bot's plan again, paid from its account; it needs at least
     * {@link ThreebotService#MIN_TIME_TO_START} of funds at its size (an extension tops it up).
     */
    Threebot start(String owner, String uuid, String password, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, state -> state == ThreebotState.STOPPED, "start");
            return started(threebot, password, progress);
        });
    }

    /** Stops the 3Bot if it runs, then starts it again. */
    Threebot restart(String owner, String uuid, String password, Progress progress) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "restart");
            Threebot stopped = threebot.state().isLive() ? stopped(threebot, password) : threebot;
            return started(stopped, password, progress);
        });
    }

    private Threebot started(Threebot threebot, String password, Progress progress) {
        HostedThreebot hosted = record(threebot);
        Duration left = HostedOperations.timeLeft(hosting, threebot, hosted);
        if (left.compareTo(ThreebotService.MIN_TIME_TO_START) < 0) {
            throw new PaymentRequiredException("The account of 3Bot '" + threebot.name() + "' on "
                    + hosting.gridName() + " pays for less than an hour more: extend it to start it.");
        }
        List<String> journaled = new ArrayList<>(hosted.journaled());
        HostedThreebot running = call(threebot, "started", () -> hosting.deploy(keys(threebot, password),
                hosted.plan(), List.copyOf(journaled), entry -> {
                    journaled.add(entry);
                    records.save(threebot.uuid(), new HostedThreebot(hosted.account(), hosted.plan(), journaled));
                }, progress));
        records.save(threebot.uuid(), running);
        progress.update("Waiting for your 3Bot to answer at " + threebot.url() + ".");
        boolean answers = call(threebot, "started", () -> readiness.await(URI.create(threebot.url()),
                readinessTimeout, progress));
        return threebots.update(threebot.uuid(), t -> t.withState(answers ? ThreebotState.RUNNING
                : ThreebotState.ERROR).withExpiresAt(Optional.of(clock.instant().plus(left))));
    }

    private HostedThreebot record(Threebot threebot) {
        return records.find(threebot.uuid()).orElseThrow(() -> new LifecycleException("3Bot '" + threebot.name()
                + "' has no record on " + hosting.gridName() + "; please contact support."));
    }

    private IdentityKeys keys(Threebot threebot, String password) {
        return identities.keys(threebot.identityName(), password);
    }

    /** A call to the hosting grid, its failures said as the owner reads them. */
    private <T> T call(Threebot threebot, String becoming, HostingCall<T> call) {
        try {
            return call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LifecycleException("The deployer is shutting down; 3Bot '" + threebot.name() + "' was not "
                    + becoming + ". Try again once it is back.", e);
        } catch (DeployerException e) {
            if (e instanceof LifecycleException || e instanceof PaymentRequiredException) {
                throw e;
            }
            throw new LifecycleException("3Bot '" + threebot.name() + "' could not be " + becoming + " on "
                    + hosting.gridName() + ": " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface HostingCall<T> {
        T call() throws InterruptedException;
    }
}
