package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.errors.DeployerException;
import io.threebot.deployer.internal.deploy.HostedRecords;
import io.threebot.deployer.lifecycle.ThreebotView;
import io.threebot.deployer.model.Expiry;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.HostingStatus;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.ThreebotHosting;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live view of a 3Bot on a hosting grid (TFGrid v3): its state reconciled from its contracts and its answer, the
 * time its account's balance pays for, and a note when the grid paused it (grace period) or deleted it for lack of
 * funds.
 */
final class HostedViews {
    private static final Logger LOG = LoggerFactory.getLogger(HostedViews.class);

    private final ThreebotHosting hosting;
    private final HostedRecords records;
    private final ReachabilityProbe probe;
    private final Duration probeTimeout;
    private final Duration expiryWarning;

    HostedViews(ThreebotHosting hosting, HostedRecords records, ReachabilityProbe probe, Duration probeTimeout,
                Duration expiryWarning) {
        this.hosting = hosting;
        this.records = records;
        this.probe = probe;
        this.probeTimeout = probeTimeout;
        this.expiryWarning = expiryWarning;
    }

    /** The owner's hosted records, read together. */
    HostedRecords.Owned owned(String owner) {
        return records.byOwner(owner);
    }

    /** The 3Bot's view and the state to store for it. */
    Reading read(Threebot threebot, HostedRecords.Stored stored) {
        if (!threebot.state().isLive() && threebot.state() != ThreebotState.STOPPED) {
            return Reading.asStored(threebot);
        }
        HostingStatus status;
        Optional<Duration> timeLeft;
        try {
            status = hosting.status(stored.threebot(), stored.lastState());
            timeLeft = Optional.of(HostedOperations.timeLeft(hosting, threebot, stored.threebot()));
        } catch (DeployerException e) {
            LOG.warn("{} could not say how 3Bot {} is; its state stays {}: {}", hosting.gridName(), threebot.name(),
                    threebot.state(), e.getMessage());
            return Reading.asStored(threebot);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.asStored(threebot);
        }
        records.noteState(stored, status.state());
        ThreebotState state = threebot.state() == ThreebotState.STOPPED
                && status.state() != HostingStatus.State.RUNNING ? ThreebotState.STOPPED : switch (status.state()) {
            case RUNNING -> probe.isReachable(URI.create(threebot.url()), probeTimeout) ? ThreebotState.RUNNING
                    : ThreebotState.ERROR;
            case INCOMPLETE, GRACE_PERIOD -> ThreebotState.ERROR;
            case DELETED_OUT_OF_FUNDS, GONE -> ThreebotState.STOPPED;
        };
        Optional<String> note = switch (status.state()) {
            case GRACE_PERIOD -> Optional.of("Its account on " + hosting.gridName() + " ran out of funds and the grid "
                    + "paused it; extend it before the grace period ends, or the grid deletes it.");
            case DELETED_OUT_OF_FUNDS -> Optional.of("The grid deleted it for lack of funds after its grace period; "
                    + "its backups are kept.");
            default -> Optional.empty();
        };
        return new Reading(state, timeLeft, note);
    }

    /** What a read found: the state, how long the balance lasts, and the grid's note. */
    record Reading(ThreebotState state, Optional<Duration> timeLeft, Optional<String> note) {
        /** The 3Bot as stored, when its grid is not read (nothing runs for it, or its record cannot be read). */
        static Reading asStored(Threebot threebot) {
            return new Reading(threebot.state(), Optional.empty(), Optional.empty());
        }
    }

    /** The owner's view of a hosted 3Bot. */
    ThreebotView view(Threebot threebot, Reading reading) {
        return new ThreebotView(threebot.uuid(), threebot.name(), threebot.domain(), threebot.url(),
                Optional.empty(), Optional.empty(), threebot.ipAddress(), threebot.flavor(), threebot.farmName(),
                threebot.continent(), threebot.nodeId(), threebot.expiresAt(), reading.state(), List.of(),
                reading.timeLeft(), reading.timeLeft().map(left -> Expiry.of(left, expiryWarning)), reading.note());
    }
}
