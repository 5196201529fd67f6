package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.store.IndexBackfill;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.model.IdentityNames;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.support.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Removes the deployment journals that are of no more use once they ended longer than the retention ago: those of a
 * deployment that was undone (compensated), and those of a deployment whose 3Bot was destroyed or replaced (a
 * redeploy gives it a new record and journal). A journal is kept whatever its age while a 3Bot that is not
 * destroyed was deployed by it, since stopping, resizing, moving and destroying the 3Bot read its workloads, network
 * and placement there, and while it holds the name of such a 3Bot. A journal in progress is never removed.
 *
 * <p>Ended journals are found by their status through the store's index, and each owner's 3Bots through the owner
 * index, so a sweep reads the ended journals and their owners' 3Bots, never the whole store (but for the first
 * sweep on a store written before journals carried their status, which indexes those once).
 */
public final class JournalSweep {
    private static final Logger LOG = LoggerFactory.getLogger(JournalSweep.class);
    private static final List<DeploymentJournal.Outcome> ENDED = List.of(DeploymentJournal.Outcome.COMPENSATED,
            DeploymentJournal.Outcome.SUCCEEDED);

    private final StateStore store;
    private final Clock clock;
    private final Duration retention;
    private final IndexBackfill backfill;
    private final ThreebotRepository threebots;
    private final NameReservations names;

    /** @param retention how long a journal stays after it ended, at least */
    public JournalSweep(StateStore store, Clock clock, Duration retention) {
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Durations.requirePositive(retention, "retention");
        this.backfill = new IndexBackfill(store, DeploymentJournal.KIND, DeploymentJournal.class);
        this.threebots = new ThreebotRepository(store);
        this.names = new NameReservations(store, clock);
    }

    /** Removes the journals of no more use that ended before the retention; returns how many were removed. */
    public int sweep() {
        backfill.once();
        Instant cutoff = clock.instant().minus(retention);
        Map<String, List<Threebot>> threebotsByOwner = new HashMap<>();
        int removed = 0;
        for (DeploymentJournal.Outcome outcome : ENDED) {
            for (Versioned<DeploymentJournal> stored : store.find(DeploymentJournal.KIND, "status", outcome.name(),
                    DeploymentJournal.class)) {
                DeploymentJournal journal = stored.value();
                if (journal.outcome() == outcome && endedBefore(journal, cutoff)
                        && unused(journal, threebotsByOwner)) {
                    removed += remove(stored) ? 1 : 0;
                }
            }
        }
        if (removed > 0) {
            LOG.info("Removed {} deployment journals of no more use that ended over {} ago", removed, retention);
        }
        return removed;
    }

    private static boolean endedBefore(DeploymentJournal journal, Instant cutoff) {
        return journal.updatedAt() != null && journal.updatedAt().isBefore(cutoff);
    }

    /** True when no 3Bot that is not destroyed needs the journal. */
    private boolean unused(DeploymentJournal journal, Map<String, List<Threebot>> threebotsByOwner) {
        if (journal.outcome() == DeploymentJournal.Outcome.COMPENSATED) {
            return true;
        }
        if (journal.owner() == null) {
            return false;
        }
        List<Threebot> kept = threebotsByOwner.computeIfAbsent(journal.owner(), owner -> threebots
                .listByOwner(owner).stream().filter(t -> t.state() != ThreebotState.DELETED).toList());
        if (kept.stream().anyMatch(t -> deploymentOf(t).equals(journal.id()))) {
            return false;
        }
        return journal.threebotName() == null || !holdsNameOf(journal, kept);
    }

    /** True when the journal's deployment holds the name of a 3Bot that is not destroyed (a redeployed one). */
    private boolean holdsNameOf(DeploymentJournal journal, List<Threebot> kept) {
        String identity = IdentityNames.of(journal.owner(), journal.threebotName());
        return kept.stream().anyMatch(t -> t.identityName().equals(identity)) && names.heldBy(identity, journal.id());
    }

    private static String deploymentOf(Threebot threebot) {
        return threebot.deploymentId().isEmpty() ? threebot.uuid() : threebot.deploymentId();
    }

    /** Deletes the journal unless it changed since it was read. */
    private boolean remove(Versioned<DeploymentJournal> stored) {
        return Records.deleteUnlessChanged(store, DeploymentJournal.KIND, stored.id(), stored.version());
    }
}
