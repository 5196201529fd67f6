package io.threebot.deployer.internal.assembly;

import io.threebot.deployer.config.DeployerSettings;
import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.spi.BackupServers;
import io.threebot.deployer.spi.DeploymentEvents;
import io.threebot.deployer.spi.DomainChecker;
import io.threebot.deployer.spi.ExpiryListener;
import io.threebot.deployer.spi.GridClient;
import io.threebot.deployer.spi.LogStreams;
import io.threebot.deployer.spi.Payments;
import io.threebot.deployer.spi.ReachabilityProbe;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.UserPayments;
import io.threebot.deployer.spi.ThreebotHosting;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * Every part a deployer is made of, each one resolved (given by the host, or its default), grouped by what it is
 * for: what {@link DeployerChoices#resolve()} yields, and what {@link DeployerAssembly} wires together.
 *
 * @param settings the deployer's settings
 * @param grid     the grid and what reaches beyond the deployer: payments, DNS, reachability
 * @param storage  where the deployer keeps its state and how its secrets are sealed
 * @param outputs  where the deployer sends what it does: backups, logs, events, expiry notices
 * @param runtime  the clock, the random source, the host's executor and the instance's name
 */
public record DeployerParts(DeployerSettings settings, Grid grid, Storage storage, Outputs outputs,
                            Runtime runtime) {
    public DeployerParts {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(storage, "storage");
        Objects.requireNonNull(outputs, "outputs");
        Objects.requireNonNull(runtime, "runtime");
    }

    /**
     * The grid the deployer runs on, and the services beyond it.
     *
     * @param client       the grid client
     * @param payments     the operator's wallet, which pays the grid
     * @param userPayments the operator's receiving wallet, where users pay
     * @param domains      the DNS check of gateway domains
     * @param reachability the probe that asks whether a 3Bot answers
     * @param hosting      the grid new 3Bots are deployed on when it hosts whole 3Bots (TFGrid v3)
     */
    public record Grid(GridClient client, Payments payments, UserPayments userPayments, DomainChecker domains,
                       ReachabilityProbe reachability, Optional<ThreebotHosting> hosting) {
        public Grid {
            Objects.requireNonNull(client, "grid");
            Objects.requireNonNull(payments, "payments");
            Objects.requireNonNull(userPayments, "userPayments");
            Objects.requireNonNull(domains, "domains");
            Objects.requireNonNull(reachability, "reachability");
            Objects.requireNonNull(hosting, "hosting");
        }
    }

    /**
     * Where the deployer keeps its state.
     *
     * @param store        the state store
     * @param sealer       how secrets are sealed at rest
     * @param deployerKeys the deployer's own identity, whose key 3Bots seal their backup passwords for
     * @param owned        what the deployer made for itself and closes last, in this order (its file store, its
     *                     temporary directory)
     */
    public record Storage(StateStore store, SecretSealer sealer, IdentityKeys deployerKeys,
                          List<AutoCloseable> owned) {
        public Storage {
            Objects.requireNonNull(store, "store");
            Objects.requireNonNull(sealer, "sealer");
            Objects.requireNonNull(deployerKeys, "deployerKeys");
            owned = List.copyOf(owned);
        }
    }

    /**
     * Where the deployer sends what it does.
     *
     * @param backups         the backup servers where 3Bots get their accounts
     * @param logs            the 3Bots' log streams
     * @param events          where deployments report progress and failures
     * @param expiryListeners who hears of pools running dry, in order
     */
    public record Outputs(BackupServers backups, LogStreams logs, DeploymentEvents events,
                          List<ExpiryListener> expiryListeners) {
        public Outputs {
            Objects.requireNonNull(backups, "backups");
            Objects.requireNonNull(logs, "logs");
            Objects.requireNonNull(events, "events");
            expiryListeners = List.copyOf(expiryListeners);
        }
    }

    /**
     * What the deployer runs on.
     *
     * @param clock        the deployer's clock
     * @param random       the random source
     * @param flowExecutor the host's executor for the chats' long steps; empty for a pool of the deployer's own
     * @param instanceId   this instance's name among those sharing the store; empty for a generated one
     */
    public record Runtime(Clock clock, Random random, Optional<ExecutorService> flowExecutor,
                          Optional<String> instanceId) {
        public Runtime {
            Objects.requireNonNull(clock, "clock");
            Objects.requireNonNull(random, "random");
            Objects.requireNonNull(flowExecutor, "flowExecutor");
            Objects.requireNonNull(instanceId, "instanceId");
        }
    }
}
