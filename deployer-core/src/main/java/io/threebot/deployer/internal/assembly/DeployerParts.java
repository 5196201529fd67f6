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
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;

/**
 * Every part a deployer is made of, each one resolved (given by the host, or its default): what a builder yields,
 * and what the deployer wires together.
 *
 * @param flowExecutor the host's executor for the chats' long steps; empty for a pool of the deployer's own
 * @param instanceId   this instance's name among those sharing the store; empty for a generated one
 * @param owned        what the deployer made for itself and closes last, in this order (its file store, its
 *                     temporary directory)
 */
public record DeployerParts(DeployerSettings settings, GridClient grid, Payments payments,
                            UserPayments userPayments, StateStore store, BackupServers backups, LogStreams logs,
                            ReachabilityProbe reachability, DomainChecker domains, SecretSealer sealer,
                            IdentityKeys deployerKeys, DeploymentEvents events, List<ExpiryListener> expiryListeners,
                            Clock clock, Random random, Optional<ExecutorService> flowExecutor,
                            Optional<String> instanceId, List<AutoCloseable> owned) {
    public DeployerParts {
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(grid, "grid");
        Objects.requireNonNull(payments, "payments");
        Objects.requireNonNull(userPayments, "userPayments");
        Objects.requireNonNull(store, "store");
        Objects.requireNonNull(backups, "backups");
        Objects.requireNonNull(logs, "logs");
        Objects.requireNonNull(reachability, "reachability");
        Objects.requireNonNull(domains, "domains");
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(deployerKeys, "deployerKeys");
        Objects.requireNonNull(events, "events");
        Objects.requireNonNull(clock, "clock");
        Objects.requireNonNull(random, "random");
        Objects.requireNonNull(flowExecutor, "flowExecutor");
        Objects.requireNonNull(instanceId, "instanceId");
        expiryListeners = List.copyOf(expiryListeners);
        owned = List.copyOf(owned);
    }
}
