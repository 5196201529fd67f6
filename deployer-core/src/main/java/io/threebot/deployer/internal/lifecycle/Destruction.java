package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.spi.HostedThreebot;
import java.util.Optional;
import static io.threebot.deployer.internal.lifecycle.OperationRules.NOT_DELETED;
import static io.threebot.deployer.internal.lifecycle.OperationRules.requireState;

import io.threebot.deployer.internal.deploy.NameReservations;
import io.threebot.deployer.internal.deploy.ThreebotRepository;
import io.threebot.deployer.lifecycle.BackupRemovalException;
import io.threebot.deployer.model.Threebot;
import io.threebot.deployer.model.ThreebotState;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.GridIdentity;
import io.threebot.deployer.spi.StateStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destroys a 3Bot: stops it if it runs, removes its network and backup accounts, marks it DELETED, releases its names,
 * and forgets its expiry notices and auto-renewal.
 */
final class Destruction {
    private final OperationGuard guard;
    private final OwnerAccess access;
    private final WorkloadRemoval removal;
    private final BackupServers backups;
    private final ThreebotRepository threebots;
    private final NameReservations names;
    private final StateStore store;
    private final RenewalCycle renewals;
    private static final Logger LOG = LoggerFactory.getLogger(Destruction.class);
    private final HostedOperations hosted;

    Destruction(OperationGuard guard, OwnerAccess access, WorkloadRemoval removal, BackupServers backups,
                ThreebotRepository threebots, NameReservations names, StateStore store, RenewalCycle renewals,
                HostedOperations hosted) {
        this.hosted = hosted;
        this.guard = guard;
        this.access = access;
        this.removal = removal;
        this.backups = backups;
        this.threebots = threebots;
        this.names = names;
        this.store = store;
        this.renewals = renewals;
    }

    /** Stops the 3Bot if it runs, removes its backup accounts and its network, and marks it DELETED. */
    Threebot destroy(String owner, String uuid, String password) {
        return guard.locked(uuid, () -> {
            Threebot threebot = access.verify(owner, uuid, password);
            requireState(threebot, NOT_DELETED, "destroy");
            Optional<HostedThreebot> onHost = hosted.of(threebot);
            if (onHost.isPresent()) {
                long back = hosted.cancelAllAndReclaim(threebot, onHost.get(), password);
                LOG.info("3Bot {}: its contracts are cancelled and {} stroops its account held went back to the "
                        + "operator", threebot.name(), back);
            } else {
                GridIdentity identity = access.identity(threebot, password);
                if (threebot.state().isLive()) {
                    threebot = removal.stopped(threebot, identity);
                }
                removal.removeNetwork(threebot, identity);
            }
            try {
                backups.deleteUser(threebot.identityName());
            } catch (RuntimeException e) {
                throw new BackupRemovalException("3Bot '" + threebot.name() + "' is stopped, but its backups could "
                        + "not be removed (" + e.getMessage() + "); destroy it again to retry.", e);
            }
            Threebot deleted = threebots.update(uuid, t -> t.withState(ThreebotState.DELETED));
            names.releaseAll(deleted.identityName());
            ExpiryWatch.forget(store, deleted.identityName());
            renewals.stopAutoRenew(deleted);
            return deleted;
        });
    }
}
