package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.errors.StopFlowException;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * A 3Bot name belongs to one deployment at a time: the first deployment of an identity reserves it atomically in
 * the store when it starts, so two chats of one owner cannot both deploy {@code twin}. A compensated deployment
 * releases it; so does destroying the 3Bot.
 */
public final class NameReservations {
    static final String KIND = "threebot-names";

    /** Who holds an identity's name. */
    record Reservation(String identityName, String deploymentId, Instant at) {
    }

    private final StateStore store;
    private final Clock clock;

    public NameReservations(StateStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /**
     * Reserves the identity's name for the deployment; reserving it again for the same deployment (a resumed step)
     * is fine. A reservation whose deployment was compensated is taken over.
     *
     * @throws StopFlowException when another deployment holds it
     */
    public void reserve(String identityName, String deploymentId, String threebotName) {
        for (int attempt = 0; attempt < 8; attempt++) {
            Optional<Versioned<Reservation>> held = store.get(KIND, identityName, Reservation.class);
            if (held.isPresent() && held.get().value().deploymentId().equals(deploymentId)) {
                return;
            }
            if (held.isPresent() && !abandoned(held.get().value().deploymentId())) {
                throw new StopFlowException("Another of your chats is deploying a 3Bot named '" + threebotName
                        + "', or has deployed it; choose another name.");
            }
            try {
                store.put(KIND, identityName, new Reservation(identityName, deploymentId, clock.instant()),
                        held.map(Versioned::version).orElse(StateStore.NEW));
                return;
            } catch (StaleVersionException e) {
                // another deployment came first: look again
            }
        }
        throw new StopFlowException("The name '" + threebotName + "' is being reserved by another chat right now.");
    }

    /** True when a deployment other than {@code deploymentId} holds the identity's name and is not abandoned. */
    public boolean heldByAnother(String identityName, String deploymentId) {
        return store.get(KIND, identityName, Reservation.class).map(Versioned::value)
                .filter(r -> !r.deploymentId().equals(deploymentId) && !abandoned(r.deploymentId())).isPresent();
    }

    /** True when {@code deploymentId} holds the identity's name. */
    public boolean heldBy(String identityName, String deploymentId) {
        return reservationOf(identityName, deploymentId).isPresent();
    }

    /** Gives the name back when the deployment holding it is compensated. */
    public void release(String identityName, String deploymentId) {
        reservationOf(identityName, deploymentId).ifPresent(v -> store.delete(KIND, identityName, v.version()));
    }

    private Optional<Versioned<Reservation>> reservationOf(String identityName, String deploymentId) {
        return store.get(KIND, identityName, Reservation.class)
                .filter(v -> v.value().deploymentId().equals(deploymentId));
    }

    /** Gives the name back whoever holds it: its 3Bot was destroyed. */
    public void releaseAll(String identityName) {
        store.get(KIND, identityName, Reservation.class).ifPresent(v -> store.delete(KIND, identityName, v.version()));
    }

    private boolean abandoned(String deploymentId) {
        return store.get(DeploymentJournal.KIND, deploymentId, DeploymentJournal.class)
                .map(j -> j.value().outcome() == DeploymentJournal.Outcome.COMPENSATED).orElse(true);
    }
}
