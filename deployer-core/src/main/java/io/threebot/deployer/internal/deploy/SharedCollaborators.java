package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.internal.crypto.PasswordHasher;
import io.threebot.deployer.internal.grid.CapacityFinder;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import java.time.Clock;

/**
 * Names, one by one, the collaborators that a deployment and the lifecycle service both work with; the builder of
 * each adds its own. Each setter returns the builder it was called on.
 *
 * @param <B> the builder
 */
public abstract class SharedCollaborators<B extends SharedCollaborators<B>> {
    protected DeployerSettings settings;
    protected GridClient grid;
    protected IdentityService identities;
    protected CapacityFinder capacity;
    protected PoolProvisioner pools;
    protected ThreebotRepository threebots;
    protected PasswordHasher hasher;
    protected StateStore store;
    protected Clock clock;
    protected DeploymentEvents events;
    protected SecretSealer sealer;
    protected NameReservations names;

    /** This builder, as its own type. */
    protected abstract B self();

    public B settings(DeployerSettings value) {
        this.settings = value;
        return self();
    }

    public B grid(GridClient value) {
        this.grid = value;
        return self();
    }

    public B identities(IdentityService value) {
        this.identities = value;
        return self();
    }

    public B capacity(CapacityFinder value) {
        this.capacity = value;
        return self();
    }

    public B pools(PoolProvisioner value) {
        this.pools = value;
        return self();
    }

    public B threebots(ThreebotRepository value) {
        this.threebots = value;
        return self();
    }

    public B hasher(PasswordHasher value) {
        this.hasher = value;
        return self();
    }

    public B store(StateStore value) {
        this.store = value;
        return self();
    }

    public B clock(Clock value) {
        this.clock = value;
        return self();
    }

    public B events(DeploymentEvents value) {
        this.events = value;
        return self();
    }

    public B sealer(SecretSealer value) {
        this.sealer = value;
        return self();
    }

    public B names(NameReservations value) {
        this.names = value;
        return self();
    }
}
