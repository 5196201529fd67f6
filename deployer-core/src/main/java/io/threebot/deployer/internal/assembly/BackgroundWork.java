package io.threebot.deployer.internal.assembly;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.billing.UserBilling;
import io.threebot.deployer.internal.chat.ChatEngine;
import io.threebot.deployer.internal.deploy.JournalSweep;
import io.threebot.deployer.internal.lifecycle.ExpiryWatch;
import io.threebot.deployer.internal.lifecycle.RenewalOutcome;
import io.threebot.deployer.internal.lifecycle.ThreebotService;
import io.threebot.deployer.internal.support.DeployerExecutors;
import io.threebot.deployer.model.ExpiryNotice;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.spi.DeploymentEvent;
import io.threebot.deployer.spi.DeploymentEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a deployer does in the background once started: it resumes the sessions whose long step a stopped deployer
 * left, and runs the sweeps that match payments and send pending refunds, complete paid renewals, check pools for
 * expiry, take over work whose runner stopped, and remove idle chat sessions and old deployment journals. Every sweep
 * runs on the deployer's sweeper thread and never throws: a failure is logged and the sweep runs again later.
 */
public final class BackgroundWork {
    private static final Logger LOG = LoggerFactory.getLogger(BackgroundWork.class);

    private final DeployerSettings settings;
    private final DeployerExecutors executors;
    private final ChatEngine chats;
    private final ThreebotService lifecycle;
    private final UserBilling billing;
    private final ExpiryWatch expiry;
    private final JournalSweep journals;
    private final DeploymentEvents events;
    private final Clock clock;

    BackgroundWork(DeployerSettings settings, DeployerExecutors executors, ChatEngine chats, ThreebotService lifecycle,
                   UserBilling billing, ExpiryWatch expiry, JournalSweep journals, DeploymentEvents events,
                   Clock clock) {
        this.settings = settings;
        this.executors = executors;
        this.chats = chats;
        this.lifecycle = lifecycle;
        this.billing = billing;
        this.expiry = expiry;
        this.journals = journals;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Resumes the sessions that were running a long step when the last deployer on this store stopped, and starts
     * the sweeps; the first threads of the deployer start here.
     *
     * @return how many sessions were resumed
     */
    public int start() {
        ScheduledExecutorService sweeper = executors.sweeper();
        int resumedSessions = chats.resumeInterrupted();
        long sweepMillis = settings.billing().sweepInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepPayments, 0, sweepMillis, TimeUnit.MILLISECONDS);
        long sessionSweepMillis = Math.min(settings.sessionIdleTimeout().toMillis() / 4, Duration.ofMinutes(10)
                .toMillis());
        sweeper.scheduleWithFixedDelay(this::sweepSessions, sessionSweepMillis, sessionSweepMillis,
                TimeUnit.MILLISECONDS);
        long expiryMillis = settings.expiryCheckInterval().toMillis();
        sweeper.scheduleWithFixedDelay(this::sweepExpiry, expiryMillis, expiryMillis, TimeUnit.MILLISECONDS);
        long takeOverMillis = Math.max(50, settings.leaseDuration().toMillis() / 2);
        sweeper.scheduleWithFixedDelay(this::takeOverStoppedWork, takeOverMillis, takeOverMillis,
                TimeUnit.MILLISECONDS);
        return resumedSessions;
    }

    /**
     * Checks every 3Bot's pool now and tells, once per pool and expiry, the events and expiry listeners about pools
     * running dry within {@code expiryWarning} and pools that ran dry; then completes the renewals paid by now.
     *
     * @return the notices told by this check
     */
    public List<ExpiryNotice> checkExpiry() {
        List<ExpiryNotice> told = expiry.check();
        completeRenewals();
        return told;
    }

    /**
     * Resumes long steps whose runner stopped renewing its lease (another instance died) or could not record their
     * end (the store failed), and takes up paid operations whose runner stopped; runs on the sweeper, never throws.
     */
    private void takeOverStoppedWork() {
        try {
            int resumed = chats.resumeInterrupted();
            if (resumed > 0) {
                LOG.info("Took over {} chat sessions whose long step had stopped", resumed);
            }
        } catch (RuntimeException e) {
            LOG.warn("Looking for stopped long steps failed; it runs again later", e);
        }
        try {
            // a paid operation whose runner stopped is taken up once its lease could have run out
            int ended = lifecycle.resumeStrandedOperations(settings.leaseDuration());
            if (ended > 0) {
                LOG.info("Ended {} paid operations whose runner had stopped", ended);
            }
        } catch (RuntimeException e) {
            LOG.warn("Taking up stranded paid operations failed; it runs again later", e);
        }
    }

    /** Matches open payment requests and sends pending refunds; runs on the sweeper, never throws. */
    private void sweepPayments() {
        try {
            billing.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The payment sweep failed; it runs again in {}", settings.billing().sweepInterval(), e);
        }
        completeRenewals();
    }

    /** Checks every 3Bot's pool for expiry; runs on the sweeper, never throws. */
    private void sweepExpiry() {
        try {
            checkExpiry();
        } catch (RuntimeException e) {
            LOG.warn("The expiry check failed; it runs again in {}", settings.expiryCheckInterval(), e);
        }
    }

    /** Extends the pools whose auto-renewal was paid and tells the events; runs with every payment sweep too. */
    private void completeRenewals() {
        try {
            for (RenewalOutcome outcome : lifecycle.completeRenewals()) {
                Threebot t = outcome.threebot();
                events.publish(new DeploymentEvent(t.uuid(), t.owner(), t.name(), outcome.renewed()
                        ? DeploymentEvent.Kind.RENEWED : DeploymentEvent.Kind.RENEWAL_FAILED, "renewal",
                        outcome.message(), clock.instant()));
            }
        } catch (RuntimeException e) {
            LOG.warn("Paid renewals could not be completed now; they are tried again", e);
        }
    }

    /**
     * Removes ended and long-idle chat sessions, and deployment journals of no more use past their retention; runs
     * on the sweeper, never throws.
     */
    private void sweepSessions() {
        try {
            chats.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The chat session sweep failed; it runs again later", e);
        }
        try {
            journals.sweep();
        } catch (RuntimeException e) {
            LOG.warn("The deployment journal sweep failed; it runs again later", e);
        }
    }
}
