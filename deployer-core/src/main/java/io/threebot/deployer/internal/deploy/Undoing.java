package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.grid.GridException;
import io.threebot.deployer.internal.billing.Refunds;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.PaymentException;
import io.threebot.deployer.spi.StoreException;
import io.threebot.deployer.spi.StoreUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Undoes a deployment that cannot finish, on either grid: records that it is being undone, removes what it made on
 * the grid, refunds its payments (the user's in full), releases its name and ends its journal; returns the error to
 * show the user.
 */
public final class Undoing {
    private static final Logger LOG = LoggerFactory.getLogger(Undoing.class);

    private final PoolProvisioner pools;
    private final NameReservations names;
    private final DeploymentNotices notices;

    public Undoing(PoolProvisioner pools, NameReservations names, DeploymentNotices notices) {
        this.pools = pools;
        this.names = names;
        this.notices = notices;
    }

    /** Removes what a deployment made on the grid. */
    @FunctionalInterface
    public interface Removal {
        /** @return how many things could not be removed */
        int removeAll() throws InterruptedException;
    }

    /**
     * Undoes the deployment. The refund is attempted even when removing fails. Not called when the deployer is
     * shutting down (the thread is interrupted): that deployment resumes instead. A store outage undoes nothing: it
     * is thrown again as it is, for the step to run again once the store is back; one met while undoing stops the
     * undoing, which the journal then shows as started, so that it is finished when the step runs again. A lost
     * lease is thrown again too: the instance that holds the deployment now decides.
     *
     * @throws RuntimeException {@code cause} itself, when a store outage or a lost lease caused it, or when the
     *                          deployment recorded its 3Bot (a deployment that succeeded is never undone)
     */
    public CompensatedException compensate(Saga saga, RuntimeException cause, Removal removal) {
        if (FenceScope.leaseLost(cause)) {
            throw cause;
        }
        rethrowIfStoreOutage(cause);
        String why = cause instanceof StopFlowException ? cause.getMessage()
                : cause instanceof PaymentException ? "The operator's wallet could not pay for your 3Bot's capacity."
                : cause instanceof GridException ? "The grid failed while deploying your 3Bot: " + cause.getMessage()
                + "."
                : cause instanceof DeployerException ? "Your 3Bot could not be deployed: " + cause.getMessage() + "."
                : "Your 3Bot could not be deployed because of an unexpected error.";
        boolean undoing = true;
        try {
            undoing = saga.beginUndoing(why);
            why = saga.journal().failure().isBlank() ? why : saga.journal().failure();
        } catch (StoreUnavailableException e) {
            throw e; // nothing is undone before the undoing is recorded: the step runs again once the store is back
        } catch (StoreException e) {
            // a full disk: the refunds still go out; a runner resuming it finds the payments refunded and finishes
            // the undoing
            LOG.warn("Deployment {} could not record that it is being undone: {}", saga.id(), e.getMessage());
        }
        if (!undoing) {
            throw cause;
        }
        if (!(cause instanceof DeployerException) || cause instanceof PaymentException) {
            LOG.error("Deployment {} failed", saga.id(), cause);
        }
        int leftOver;
        try {
            leftOver = removal.removeAll();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw cause; // shutting down: the undoing, recorded as begun, is finished when the step runs again
        } catch (RuntimeException e) {
            rethrowIfStoreOutage(e);
            LOG.warn("Removing what deployment {} made failed: {}", saga.id(), e.getMessage());
            leftOver = 1;
        }
        String refund;
        long back = 0;
        try {
            back = pools.refundAll(saga, "deployment " + saga.id() + " failed");
            refund = Refunds.inFull(back);
        } catch (RuntimeException e) {
            rethrowIfStoreOutage(e);
            LOG.warn("Refunding deployment {} failed; the refund is journaled and retried: {}", saga.id(),
                    e.getMessage());
            refund = " Your payment is refunded in full as soon as the wallet answers.";
            leftOver++;
        }
        saga.end(DeploymentJournal.Outcome.COMPENSATED, why);
        DeploymentJournal journal = saga.journal();
        notices.publish(new DeploymentEvent(saga.id(), journal.owner(), journal.threebotName(),
                DeploymentEvent.Kind.COMPENSATED, "compensate", leftOver == 0 ? "undone" : leftOver + " left over",
                notices.clock().instant()));
        names.release(IdentityNames.of(journal.owner(), journal.threebotName()), saga.id());
        String cleanup = leftOver == 0
                ? " Everything set up for it was removed." + refund
                : refund + " Some of what was set up could not be removed yet; support can find it under deployment "
                + saga.id() + ".";
        return new CompensatedException(why + cleanup, back, cause);
    }

    /** Throws {@code failure} again when a store outage caused it: nothing is undone for an outage. */
    public static void rethrowIfStoreOutage(RuntimeException failure) {
        if (StoreUnavailableException.findIn(failure).isPresent()) {
            throw failure;
        }
    }
}
