package io.threebot.deployer.internal.lifecycle;

import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;
import static io.threebot.deployer.internal.lifecycle.ThreebotService.MIN_TIME_TO_START;

import io.threebot.deployer.billing.PaymentStatus;
import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.billing.UserPayment;
import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.OperationInProgressException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.Progress;
import io.threebot.deployer.spi.StoreUnavailableException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Auto-renew of a 3Bot's pool: turned on with the days to buy each time (the identity's key kept sealed) and off
 * again; when the pool runs low the owner is asked to pay, and a paid renewal extends the pool ({@link PoolExtension})
 * or is refunded. The operator's wallet never pays for a renewal.
 */
final class RenewalCycle {
    private static final Logger LOG = LoggerFactory.getLogger(RenewalCycle.class);

    private final OperationGuard guard;
    private final OwnerAccess access;
    private final ThreebotLookup lookup;
    private final PaidOperationRunner paid;
    private final PoolExtension extension;
    private final AutoRenewals renewals;
    private final UserBilling billing;
    private final ThreebotRepository threebots;

    RenewalCycle(OperationGuard guard, OwnerAccess access, ThreebotLookup lookup, PaidOperationRunner paid,
                 PoolExtension extension, AutoRenewals renewals, UserBilling billing, ThreebotRepository threebots) {
        this.guard = guard;
        this.access = access;
        this.lookup = lookup;
        this.paid = paid;
        this.extension = extension;
        this.renewals = renewals;
        this.billing = billing;
        this.threebots = threebots;
    }

    /**
     * Turns auto-renew on for the 3Bot: when its pool runs dry within the deployer's {@code expiryWarning}, the owner
     * is asked (through {@code UserPayments}) to pay for {@code days} more, and once paid the pool is extended. The
     * operator's wallet never pays for it. The recovery password is checked and not kept; the 3Bot identity's key is
     * kept sealed until auto-renew is turned off.
     *
     * @throws io.threebot.deployer.errors.InvalidInputException when days is outside 1 to the most one purchase
     *                                                           buys
     */
    void autoRenew(String owner, String uuid, String password, int days) {
        int max = billing.settings().maxDaysPerPurchase();
        if (days < 1 || days > max) {
            throw new InvalidInputException("days", "Auto-renew buys 1 to " + max + " days at a time, not " + days
                    + ".");
        }
        guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "renew");
            renewals.turnOn(threebot.identityName(), owner, days, access.keys(threebot, password));
            return threebot;
        });
    }

    /** Turns auto-renew off for the 3Bot, withdraws a renewal request still unpaid, and forgets its key. */
    boolean stopAutoRenew(String owner, String uuid) {
        return stopAutoRenew(lookup.get(owner, uuid));
    }

    boolean stopAutoRenew(Threebot threebot) {
        renewals.find(threebot.identityName()).flatMap(AutoRenewals.Renewal::pendingPayment).ifPresent(id -> {
            try {
                if (billing.get(threebot.owner(), id).status() == PaymentStatus.AWAITING) {
                    billing.withdraw(id);
                }
            } catch (DeployerException e) {
                LOG.warn("The renewal request {} of 3Bot {} could not be withdrawn: {}", id, threebot.name(),
                        e.getMessage());
            }
        });
        return renewals.turnOff(threebot.identityName());
    }

    /** The days auto-renew buys for the 3Bot, or empty when it is off. */
    Optional<Integer> autoRenewDays(String owner, String uuid) {
        return renewals.find(lookup.get(owner, uuid).identityName()).map(AutoRenewals.Renewal::days);
    }

    /**
     * Asks the owner to pay for the next renewal of a 3Bot whose pool runs dry soon, payable until it runs dry; empty
     * when auto-renew is off for it or a request is already open.
     */
    Optional<UserPayment> requestRenewal(Threebot threebot) {
        Optional<AutoRenewals.Renewal> renewal = renewals.find(threebot.identityName());
        if (renewal.isEmpty() || renewal.get().pendingPayment().isPresent()
                || threebot.state() == ThreebotState.DELETED) {
            return Optional.empty();
        }
        UserPayment payment = billing.open(threebot.owner(), PurchaseKind.EXTEND, threebot.uuid(),
                threebot.name(), threebot.flavor(), renewal.get().days(),
                lookup.poolTimeLeft(threebot).minus(MIN_TIME_TO_START));
        renewals.pending(threebot.identityName(), Optional.of(payment.id()));
        return Optional.of(payment);
    }

    /**
     * Extends the pools whose renewal the owner paid (refunded in full when the extension fails) and drops the
     * requests that closed without being used; requests still open, or whose renewal could not run yet, wait for the
     * next call. One renewal failing stops no other.
     */
    List<RenewalOutcome> completeRenewals() {
        List<RenewalOutcome> outcomes = new ArrayList<>();
        for (AutoRenewals.Renewal renewal : renewals.pending()) {
            try {
                complete(renewal).ifPresent(outcomes::add);
            } catch (RuntimeException e) {
                LOG.warn("The renewal of 3Bot identity {} could not be completed now; it is tried again: {}",
                        renewal.identity(), e.getMessage());
            }
        }
        return outcomes;
    }

    private Optional<RenewalOutcome> complete(AutoRenewals.Renewal renewal) {
        Optional<Threebot> found = threebots.listByOwner(renewal.owner()).stream()
                .filter(t -> t.identityName().equals(renewal.identity()) && t.state() != ThreebotState.DELETED)
                .reduce((older, newer) -> newer);
        if (found.isEmpty()) {
            renewals.turnOff(renewal.identity());
            return Optional.empty();
        }
        Threebot threebot = found.get();
        String paymentId = renewal.pendingPayment().orElseThrow();
        UserPayment payment = billing.get(threebot.owner(), paymentId);
        if (payment.status() == PaymentStatus.PAID || PaidOperationRunner.heldByUnfinishedOperation(payment)) {
            return Optional.of(renew(threebot, renewal, paymentId));
        }
        if (!payment.status().closed()) {
            return Optional.empty();
        }
        renewals.pending(renewal.identity(), Optional.empty());
        return Optional.of(new RenewalOutcome(threebot, false, "The renewal of 3Bot '" + threebot.name() + "' "
                + switch (payment.status()) {
                    case SETTLED -> "was used already";
                    case REFUNDED -> "was refunded";
                    default -> "was not paid in time";
                } + "; the 3Bot runs until its pool runs dry."));
    }

    private RenewalOutcome renew(Threebot threebot, AutoRenewals.Renewal renewal, String paymentId) {
        try {
            Threebot renewed = guard.locked(threebot.uuid(), () -> paid.run(threebot, PurchaseKind.EXTEND,
                    threebot.flavor(), Optional.of(paymentId), null, (operation, days) -> extension.extendPool(
                            operation, threebot, () -> new GridIdentity(threebot.identityTid(), threebot.identityName(),
                                    renewals.keys(renewal)), paymentId, days, Progress.silent())));
            renewals.pending(renewal.identity(), Optional.empty());
            return new RenewalOutcome(renewed, true, "3Bot '" + threebot.name() + "' was renewed for "
                    + renewal.days() + " days.");
        } catch (DeployerException e) {
            if (StoreUnavailableException.findIn(e).isPresent() || e instanceof OperationInProgressException) {
                throw e; // not a failure of the renewal: the next sweep takes it up again
            }
            if (billing.get(threebot.owner(), paymentId).status().closed()) {
                renewals.pending(renewal.identity(), Optional.empty());
            }
            return new RenewalOutcome(threebot, false, "The renewal of 3Bot '" + threebot.name() + "' failed: "
                    + e.getMessage());
        }
    }
}
