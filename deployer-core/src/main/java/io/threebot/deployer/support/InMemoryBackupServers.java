package io.threebot.deployer.support;

import io.threebot.deployer.model.Secret;
import io.threebot.deployer.spi.BackupServers;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Backup accounts kept in memory, standing for the backup servers on the embedded grid. */
public final class InMemoryBackupServers implements BackupServers {
    private final List<String> addresses;
    private final Map<String, String> accounts = new ConcurrentHashMap<>();

    public InMemoryBackupServers(List<String> addresses) {
        this.addresses = List.copyOf(addresses);
    }

    @Override
    public List<String> addresses() {
        return addresses;
    }

    @Override
    public List<String> createUser(String user, Secret password) {
        accounts.put(user, password.value());
        return addresses;
    }

    @Override
    public boolean verifyUser(String user, Secret password) {
        return password.value().equals(accounts.get(user));
    }

    @Override
    public void deleteUser(String user) {
        accounts.remove(user);
    }

    public boolean hasUser(String user) {
        return accounts.containsKey(user);
    }
}
