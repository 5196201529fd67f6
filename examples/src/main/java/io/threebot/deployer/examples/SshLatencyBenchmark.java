package io.threebot.deployer.examples;

import io.threebot.deployer.model.Secret;
import io.threebot.deployer.ssh.BackupServerConfig;
import io.threebot.deployer.ssh.SshBackupServers;
import io.threebot.deployer.ssh.SshConnection;
import io.threebot.deployer.ssh.SshSettings;
import io.threebot.deployer.ssh.testkit.LocalSshd;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.connection.channel.direct.Session;

/**
 * Measures the latency of one backup-server command over the deployer's pooled SSH connection, side by side
 * against the same local OpenSSH server: against raw sshj on an open connection (a session and an exec per
 * command, nothing else: what the pool costs on top of the library), and against a fresh connection (connect, key
 * exchange, login) per command (what the pool saves).
 *
 * <p>Run with {@code ./scripts/benchmark.sh ssh [commands]} (default 200 commands a side).
 */
public final class SshLatencyBenchmark {
    private SshLatencyBenchmark() {
    }

    public static void main(String[] args) {
        int commands = args.length > 0 ? Integer.parseInt(args[0]) : 200;
        BenchmarkTable.print(ratios(commands), System.out);
    }

    /** Starts its own sshd, measures and returns the rows; prints each comparison as it goes. */
    public static List<BenchmarkRatio> ratios(int commands) {
        if (!LocalSshd.available()) {
            throw new IllegalStateException("OpenSSH server is not installed: apt-get install openssh-server");
        }
        List<BenchmarkRatio> rows = new ArrayList<>();
        try (LocalSshd sshd = LocalSshd.start("bench").withEmptyPasswordFile()) {
            BackupServerConfig server = sshd.server("bench").build();
            SshSettings settings = SshSettings.defaults();
            Secret password = Secret.of("benchmark password");
            try (SshConnection setup = new SshConnection(server, settings);
                 SshBackupServers servers = SshBackupServers.over(Map.of(server, setup))) {
                servers.createUser("bench_bot", password);
            }
            System.out.printf("OpenSSH on loopback; per round %d commands pooled and raw, %d fresh; 3 rounds "
                    + "interleaved, median shown%n", commands, commands / 4);
            System.out.printf("%-34s %10s %10s %10s%n", "command", "pooled ms", "raw ms", "fresh ms");
            double[] trueMs = compare("true (the SSH round trip alone)", "true", Optional.empty(), commands,
                    server, settings);
            compare("htpasswd -v (bcrypt check)", "htpasswd -i -v " + server.htpasswdFile() + " bench_bot",
                    Optional.of(password), commands, server, settings);
            rows.add(BenchmarkRatio.atMost("SSH pooled / raw sshj exec", trueMs[0] / trueMs[1], 1.5,
                    String.format(Locale.ROOT, "%.2f ms vs %.2f ms per command", trueMs[0], trueMs[1])));
            rows.add(BenchmarkRatio.shown("SSH pooled / fresh connection", trueMs[0] / trueMs[2],
                    String.format(Locale.ROOT, "%.2f ms vs %.2f ms per command", trueMs[0], trueMs[2])));
        }
        return rows;
    }

    /** Median milliseconds per command: pooled, raw, fresh. */
    private static double[] compare(String label, String command, Optional<Secret> stdin, int commands,
                                    BackupServerConfig server, SshSettings settings) {
        measure(10, server, settings, command, stdin, Mode.POOLED);
        measure(10, server, settings, command, stdin, Mode.RAW);
        measure(10, server, settings, command, stdin, Mode.FRESH);
        double[] pooled = new double[3];
        double[] raw = new double[3];
        double[] fresh = new double[3];
        for (int round = 0; round < 3; round++) {
            pooled[round] = measure(commands, server, settings, command, stdin, Mode.POOLED);
            raw[round] = measure(commands, server, settings, command, stdin, Mode.RAW);
            fresh[round] = measure(Math.max(1, commands / 4), server, settings, command, stdin, Mode.FRESH);
        }
        double[] medians = {Medians.of(pooled), Medians.of(raw), Medians.of(fresh)};
        System.out.printf(Locale.ROOT, "%-34s %10.2f %10.2f %10.2f%n", label, medians[0], medians[1], medians[2]);
        return medians;
    }

    private enum Mode { POOLED, RAW, FRESH }

    /** Mean milliseconds per command. */
    private static double measure(int commands, BackupServerConfig server, SshSettings settings, String command,
                                  Optional<Secret> stdin, Mode mode) {
        long start = System.nanoTime();
        switch (mode) {
            case POOLED -> {
                try (SshConnection connection = new SshConnection(server, settings)) {
                    connection.run("true");
                    start = System.nanoTime();
                    for (int i = 0; i < commands; i++) {
                        check(connection.run(command, stdin).exitStatus());
                    }
                }
            }
            case RAW -> {
                try (SSHClient ssh = new SSHClient()) {
                    ssh.loadKnownHosts(server.knownHostsFile().toFile());
                    ssh.connect(server.host(), server.port());
                    ssh.getSocket().setTcpNoDelay(true);
                    ssh.authPublickey(server.user(), ssh.loadKeys(server.keyFile().toString()));
                    start = System.nanoTime();
                    for (int i = 0; i < commands; i++) {
                        check(rawExec(ssh, command, stdin));
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            case FRESH -> {
                for (int i = 0; i < commands; i++) {
                    try (SshConnection connection = new SshConnection(server, settings)) {
                        check(connection.run(command, stdin).exitStatus());
                    }
                }
            }
        }
        return (System.nanoTime() - start) / 1e6 / commands;
    }

    /** sshj's own exec: a session, the command, its input and output, its exit status. */
    private static int rawExec(SSHClient ssh, String command, Optional<Secret> stdin) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            try (OutputStream in = cmd.getOutputStream()) {
                if (stdin.isPresent()) {
                    in.write((stdin.get().value() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            cmd.getInputStream().readAllBytes();
            cmd.getErrorStream().readAllBytes();
            cmd.join(10, TimeUnit.SECONDS);
            Integer status = cmd.getExitStatus();
            return status == null ? -1 : status;
        }
    }

    private static void check(int exitStatus) {
        if (exitStatus != 0) {
            throw new IllegalStateException("the benchmark command failed with exit status " + exitStatus);
        }
    }
}
