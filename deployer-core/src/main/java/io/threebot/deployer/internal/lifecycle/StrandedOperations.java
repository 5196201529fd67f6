package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.LeaseLostException;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.deploy.DeploymentJournal;
import io.threebot.deployer.internal.deploy.IdentityService;
import io.threebot.deployer.internal.deploy.ThreebotDeployment;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.lifecycle.LifecycleException;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.lifecycle.PaidOperationFailedException;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.StoreUnavailableException;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes up the paid operations whose runner stopped (a crash, a take-over, a call nobody made again): each runs again
 * under its operation id and resumes from its journal, or, when it can no longer run, keeps what it finished and
 * undoes the rest with the user refunded in full. A payment is so never left in use without a runner.
 */
final class StrandedOperations {
    private static final Logger LOG = LoggerFactory.getLogger(StrandedOperations.class);

    private final PaidOperations operations;
    private final OperationGuard guard;
    private final UserBilling billing;
    private final StateStore store;
    private final Clock clock;
    private final IdentityService identities;
    private final ThreebotDeployment deployment;
    private final StopAndStart stopAndStart;
    private final ResizeAndMove resizeAndMove;
    private final PoolExtension extension;

    StrandedOperations(PaidOperations operations, OperationGuard guard, UserBilling billing, StateStore store,
                       Clock clock, IdentityService identities, ThreebotDeployment deployment,
                       StopAndStart stopAndStart, ResizeAndMove resizeAndMove, PoolExtension extension) {
        this.operations = operations;
        this.guard = guard;
        this.billing = billing;
        this.store = store;
        this.clock = clock;
        this.identities = identities;
        this.deployment = deployment;
        this.stopAndStart = stopAndStart;
        this.resizeAndMove = resizeAndMove;
        this.extension = extension;
    }

    /**
     * Takes up the paid operations whose runner stopped (a crash, a take-over, a call nobody made again) and that
     * began more than {@code olderThan} ago: each is run again under its operation id, so it resumes from its journal
     * to its end, or finishes its undoing; one that can no longer run (its 3Bot was destroyed or replaced meanwhile)
     * keeps what it finished and undoes the rest, with the user refunded in full. A payment is so never left in use
     * without a runner. Operations running now (here or, by their lease, on another instance) are left alone.
     *
     * @return how many operations ended
     */
    int resumeStrandedOperations(Duration olderThan) {
        int ended = 0;
        Instant cutoff = clock.instant().minus(olderThan);
        for (PaidOperations.Pending pending : operations.all()) {
            if (pending.startedAt().isAfter(cutoff) || guard.busy(pending.threebotUuid())
                    || pending.chatLease().filter(l -> store.get(Leases.KIND, l, Leases.Lease.class).isPresent())
                    .isPresent()) {
                continue; // running, or run by a chat's long step, which its chat resumes
            }
            try {
                ended += resumeStranded(pending) ? 1 : 0;
            } catch (RuntimeException e) {
                LOG.warn("Stranded {} could not be taken up now; it is tried again: {}", pending, e.getMessage());
            }
        }
        return ended;
    }

    private boolean resumeStranded(PaidOperations.Pending pending) {
        if (pending.unpaid()) {
            return resumeUnpaid(pending);
        }
        UserPayment payment = billing.get(pending.owner(), pending.paymentId());
        if (!PaidOperationRunner.heldByUnfinishedOperation(payment)) {
            operations.end(pending.paymentId()); // settled, refunded, or never taken: nothing is left to do
            return true;
        }
        LOG.info("Taking up {} again (operation {})", pending, payment.operationId());
        PaidOperations.Rerun rerun = operations.rerun(pending);
        Optional<String> paymentId = Optional.of(pending.paymentId());
        String owner = pending.owner();
        String uuid = pending.threebotUuid();
        try {
            switch (pending.kind()) {
                case START -> stopAndStart.start(owner, uuid, rerun.password(), paymentId, Progress.silent());
                case RESTART -> stopAndStart.restart(owner, uuid, rerun.password(), paymentId, Progress.silent());
                case CHANGE_SIZE -> resizeAndMove.changeSize(owner, uuid, rerun.password(), pending.flavor(),
                        paymentId, Progress.silent());
                case CHANGE_LOCATION -> resizeAndMove.move(owner, uuid, rerun.password(), rerun.farms(),
                        rerun.nodeId(), paymentId, Progress.silent());
                case EXTEND -> extension.extend(owner, uuid, rerun.password(), pending.paymentId(),
                        Progress.silent());
                default -> throw new IllegalStateException("not a paid operation on a 3Bot: " + pending.kind());
            }
            return true;
        } catch (PaidOperationFailedException refunded) {
            return true;
        } catch (OperationInProgressException | LeaseLostException running) {
            return false;
        } catch (DeployerException refused) {
            if (StoreUnavailableException.findIn(refused).isPresent()) {
                return false;
            }
            return guard.locked(uuid, () -> endRefused(pending, payment, rerun, refused));
        }
    }

    /**
     * Takes up a change of a hosted 3Bot without a payment: the change called again finds it and resumes it under its
     * id. One that can no longer run (its 3Bot was stopped, destroyed or replaced meanwhile) is left recorded, and
     * said in the log each time, for the operator: what it made is in its journal.
     */
    private boolean resumeUnpaid(PaidOperations.Pending pending) {
        LOG.info("Taking up {} again", pending);
        PaidOperations.Rerun rerun = operations.rerun(pending);
        try {
            switch (pending.kind()) {
                case CHANGE_SIZE -> resizeAndMove.changeSize(pending.owner(), pending.threebotUuid(),
                        rerun.password(), pending.flavor(), Optional.empty(), Progress.silent());
                case CHANGE_LOCATION -> resizeAndMove.move(pending.owner(), pending.threebotUuid(), rerun.password(),
                        rerun.farms(), rerun.nodeId(), Optional.empty(), Progress.silent());
                default -> throw new IllegalStateException("not a change without a payment: " + pending.kind());
            }
            return true;
        } catch (LifecycleException failed) {
            if (operations.unpaid(pending.threebotUuid()).isPresent()) {
                LOG.warn("{} could not run again: {}", pending, failed.getMessage());
                return false;
            }
            return true; // it failed and undid what it made
        } catch (DeployerException notNow) {
            return false;
        }
    }

    /**
     * Ends an operation that can no longer run: what it finished (its 3Bot recorded) is kept and paid for; anything
     * else it did is undone and the user refunded in full.
     */
    private boolean endRefused(PaidOperations.Pending pending, UserPayment payment, PaidOperations.Rerun rerun,
                               DeployerException refused) {
        String operation = payment.operationId();
        Optional<DeploymentJournal> journal = store.get(DeploymentJournal.KIND, operation,
                DeploymentJournal.class).map(Versioned::value);
        if (journal.filter(j -> j.hasResult() || j.outcome() == DeploymentJournal.Outcome.SUCCEEDED).isPresent()) {
            billing.settle(payment.id(), operation);
        } else {
            if (journal.isPresent() && !journal.get().outcome().ended()) {
                GridIdentity identity = identities.registered(IdentityNames.of(pending.owner(),
                        journal.get().threebotName()), rerun.password());
                deployment.undo(operation, identity, pending.kind().description() + " could not be finished: "
                        + refused.getMessage());
            }
            billing.refundInFull(payment.id(), operation, pending.kind().description() + " could not be "
                    + "finished");
        }
        operations.end(payment.id());
        LOG.info("{} could not run again ({}); it was ended", pending, refused.getMessage());
        return true;
    }
}
