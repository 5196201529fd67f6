package io.threebot.deployer.ssh;

import io.threebot.deployer.model.Secret;
import io.threebot.deployer.spi.BackupServers;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link BackupServers} over SSH: rest-server accounts in each server's {@code .htpasswd}, changed on all servers at
 * once through one pooled connection per server. Creating an account is all or nothing: each server's old entry is
 * read first, and when one server fails the others are put back as they were. Names are checked against a strict
 * pattern before any connection is made, and passwords travel on the commands' standard input only.
 *
 * <pre>{@code
 * try (SshBackupServers backups = SshBackupServers.connect(SshBackupConfig.load(Path.of("backup.properties")))) {
 *     ThreebotDeployer deployer = ThreebotDeployer.builder().backups(backups)...build();
 * }
 * }</pre>
 */
public final class SshBackupServers implements BackupServers, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshBackupServers.class);

    private final List<BackupAccounts> servers;
    private final List<AutoCloseable> resources;
    private final ExecutorService executor;

    private SshBackupServers(List<BackupAccounts> servers, List<AutoCloseable> resources) {
        this.servers = List.copyOf(servers);
        this.resources = List.copyOf(resources);
        AtomicInteger count = new AtomicInteger();
        this.executor = Executors.newFixedThreadPool(Math.max(2, servers.size() * 2), r -> {
            Thread t = new Thread(r, "backup-ssh-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
    }

    /** Backup servers reached over SSH; connections are opened on first use. */
    public static SshBackupServers connect(SshBackupConfig config) {
        List<BackupAccounts> servers = new ArrayList<>();
        List<AutoCloseable> connections = new ArrayList<>();
        for (BackupServerConfig server : config.servers()) {
            SshConnection connection = new SshConnection(server, config.settings());
            connections.add(connection);
            servers.add(new BackupAccounts(server, connection));
        }
        return new SshBackupServers(servers, connections);
    }

    /** Backup servers reached through shells of the caller's (the caller closes them), in the map's order. */
    public static SshBackupServers over(Map<BackupServerConfig, RemoteShell> shells) {
        List<BackupAccounts> servers = new ArrayList<>();
        shells.forEach((server, shell) -> servers.add(new BackupAccounts(server, shell)));
        return new SshBackupServers(servers, List.of());
    }

    @Override
    public List<String> addresses() {
        return servers.stream().map(BackupAccounts::address).toList();
    }

    @Override
    public List<String> createUser(String user, Secret password) {
        BackupAccountName account = new BackupAccountName(user);
        Objects.requireNonNull(password, "password");
        Outcome<Optional<Secret>> before = onEach(s -> s.entry(account));
        if (!before.failures().isEmpty()) {
            throw before.failure("cannot create backup account " + account.value(), "nothing was changed");
        }
        Outcome<Boolean> created = onEach(s -> {
            s.create(account, password);
            return true;
        });
        if (created.failures().isEmpty()) {
            LOG.info("Backup account {} created on {}", account.value(), created.succeeded());
            return addresses();
        }
        List<String> restored = new ArrayList<>();
        List<String> notRestored = new ArrayList<>();
        for (BackupAccounts server : servers) {
            if (created.results().containsKey(server)) {
                try {
                    server.restore(account, before.results().get(server));
                    restored.add(server.name());
                } catch (RuntimeException e) {
                    LOG.warn("Could not undo backup account {} on {}: {}", account.value(), server.name(),
                            e.getMessage());
                    notRestored.add(server.name());
                }
            }
        }
        String state = (restored.isEmpty() ? "" : "put back as it was on " + restored)
                + (notRestored.isEmpty() ? "" : (restored.isEmpty() ? "" : "; ") + "could not be put back on "
                + notRestored + ", which now holds the new password");
        throw created.failure("cannot create backup account " + account.value(),
                state.isEmpty() ? "nothing was changed" : "the account was " + state);
    }

    @Override
    public boolean verifyUser(String user, Secret password) {
        BackupAccountName account = new BackupAccountName(user);
        Outcome<Boolean> verified = onEach(s -> s.verify(account, password));
        if (!verified.failures().isEmpty()) {
            throw verified.failure("cannot check backup account " + account.value(), "nothing was changed");
        }
        return verified.results().values().stream().allMatch(Boolean::booleanValue);
    }

    @Override
    public void deleteUser(String user) {
        BackupAccountName account = new BackupAccountName(user);
        Outcome<Boolean> deleted = onEach(s -> {
            s.delete(account);
            return true;
        });
        if (!deleted.failures().isEmpty()) {
            throw deleted.failure("cannot delete backup account " + account.value(), deleted.succeeded().isEmpty()
                    ? "it is still on every server" : "it was deleted on " + deleted.succeeded()
                    + "; deleting again finishes the job");
        }
        LOG.info("Backup account {} deleted on {}", account.value(), deleted.succeeded());
    }

    /** Runs the operation on every server at once and waits for all of them. */
    private <T> Outcome<T> onEach(Function<BackupAccounts, T> operation) {
        Map<BackupAccounts, CompletableFuture<T>> futures = new LinkedHashMap<>();
        for (BackupAccounts server : servers) {
            futures.put(server, CompletableFuture.supplyAsync(() -> operation.apply(server), executor));
        }
        Map<BackupAccounts, T> results = new LinkedHashMap<>();
        Map<BackupAccounts, RuntimeException> failures = new LinkedHashMap<>();
        futures.forEach((server, future) -> {
            try {
                results.put(server, future.join());
            } catch (CompletionException e) {
                failures.put(server, e.getCause() instanceof RuntimeException r ? r : e);
            }
        });
        return new Outcome<>(results, failures);
    }

    private record Outcome<T>(Map<BackupAccounts, T> results, Map<BackupAccounts, RuntimeException> failures) {
        List<String> succeeded() {
            return results.keySet().stream().map(BackupAccounts::name).toList();
        }

        BackupServerFailureException failure(String what, String state) {
            String reasons = failures.values().stream().map(Throwable::getMessage)
                    .collect(Collectors.joining("; "));
            List<String> failed = failures.keySet().stream().map(BackupAccounts::name).toList();
            return new BackupServerFailureException(what + ": " + reasons + " (" + state + ")", failed,
                    failures.values().iterator().next());
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.debug("Closing a backup server connection failed", e);
            }
        }
    }
}
