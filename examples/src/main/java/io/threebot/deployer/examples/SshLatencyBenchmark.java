package io.threebot.deployer.examples;

import io.threebot.deployer.model.Secret;
import io.threebot.deployer.ssh.BackupServerConfig;
import io.threebot.deployer.ssh.SshBackupServers;
import io.threebot.deployer.ssh.SshConnection;
import io.threebot.deployer.ssh.SshSettings;
import io.threebot.deployer.ssh.testkit.LocalSshd;
import java.util.Map;
import java.util.Optional;

/**
 * Measures what a pooled connection saves: the latency of one backup-server command over the deployer's pooled
 * SSH connection against a fresh connection (connect, key exchange, login) per command, side by side against the
 * same local OpenSSH server, and prints the ratio.
 *
 * <p>Run with {@code ./scripts/benchmark.sh ssh [commands]} (default 200 commands a side).
 */
public final class SshLatencyBenchmark {
    private SshLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        if (!LocalSshd.available()) {
            System.err.println("OpenSSH server is not installed: apt-get install openssh-server");
            System.exit(2);
        }
        try (LocalSshd sshd = LocalSshd.start("bench").withEmptyPasswordFile()) {
            BackupServerConfig server = sshd.server("bench").build();
            SshSettings settings = SshSettings.defaults();
            Secret password = Secret.of("benchmark password");
            try (SshConnection setup = new SshConnection(server, settings);
                 SshBackupServers servers = SshBackupServers.over(Map.of(server, setup))) {
                servers.createUser("bench_bot", password);
            }
            System.out.printf("OpenSSH on loopback; per round %d commands pooled, %d fresh; 3 rounds interleaved,"
                    + " median shown%n", commands, commands / 4);
            System.out.printf("%-34s %12s %12s %8s%n", "command", "pooled ms", "fresh ms", "ratio");
            compare("true (the SSH round trip alone)", "true", Optional.empty(), commands, server, settings);
            compare("htpasswd -v (bcrypt check)", "htpasswd -i -v " + server.htpasswdFile() + " bench_bot",
                    Optional.of(password), commands, server, settings);
        }
    }

    private static void compare(String label, String command, Optional<Secret> stdin, int commands,
                                BackupServerConfig server, SshSettings settings) {
        measure(10, server, settings, command, stdin, true);
        measure(10, server, settings, command, stdin, false);
        double[] pooled = new double[3];
        double[] fresh = new double[3];
        for (int round = 0; round < 3; round++) {
            pooled[round] = measure(commands, server, settings, command, stdin, true);
            fresh[round] = measure(Math.max(1, commands / 4), server, settings, command, stdin, false);
        }
        double pooledMs = Medians.of(pooled);
        double freshMs = Medians.of(fresh);
        System.out.printf("%-34s %12.2f %12.2f %7.1fx%n", label, pooledMs, freshMs, freshMs / pooledMs);
    }

    /** Mean milliseconds per command. */
    private static double measure(int commands, BackupServerConfig server, SshSettings settings, String command,
                                  Optional<Secret> stdin, boolean pooled) {
        long start = System.nanoTime();
        if (pooled) {
            try (SshConnection connection = new SshConnection(server, settings)) {
                connection.run("true");
                start = System.nanoTime();
                for (int i = 0; i < commands; i++) {
                    check(connection.run(command, stdin).exitStatus());
                }
            }
        } else {
            for (int i = 0; i < commands; i++) {
                try (SshConnection connection = new SshConnection(server, settings)) {
                    check(connection.run(command, stdin).exitStatus());
                }
            }
        }
        return (System.nanoTime() - start) / 1e6 / commands;
    }

    private static void check(int exitStatus) {
        if (exitStatus != 0) {
            throw new IllegalStateException("the benchmark command failed with exit status " + exitStatus);
        }
    }
}
