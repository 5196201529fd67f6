package io.threebot.deployer.ssh.testkit;

import io.threebot.deployer.ssh.BackupServerConfig;
import io.threebot.deployer.testkit.LoopbackServers;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real OpenSSH {@code sshd} on a free loopback port, with a throwaway host key and a client key, for tests and
 * benchmarks. Each instance keeps its own password file and repositories under its directory, standing for one
 * backup server. Run as root, it logs in a system user {@value #BACKUP_USER} with {@code /bin/sh} as its shell
 * (created on first use), as a backup server's account would be, so that no root shell start-up files slow or
 * change the commands; otherwise it logs in the current user.
 */
public final class LocalSshd implements AutoCloseable {
    private static final Path SSHD = Path.of("/usr/sbin/sshd");
    /** The account commands run as, when the tests run as root. */
    public static final String BACKUP_USER = "tbd-backup";
    /** Whether this JVM has checked (or made) the backup user already. */
    private static boolean backupUserReady;

    private final Path directory;
    private final int port;
    private Process process;

    private LocalSshd(Path directory, int port) {
        this.directory = directory;
        this.port = port;
    }

    /** True when OpenSSH's server is installed here. */
    public static boolean available() {
        return Files.isExecutable(SSHD);
    }

    /** Starts sshd in a new temporary directory. */
    public static LocalSshd start(String name) {
        try {
            Path dir = Files.createTempDirectory("sshd-" + name + "-");
            LocalSshd sshd = new LocalSshd(dir, LoopbackServers.freePort());
            sshd.configure();
            sshd.startProcess();
            return sshd;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public Path directory() {
        return directory;
    }

    /** The client's private key. */
    public Path clientKey() {
        return directory.resolve("client_key");
    }

    /** A known-hosts file holding this server's host key. */
    public Path knownHosts() {
        return directory.resolve("known_hosts");
    }

    /** The password file the server's accounts go to. */
    public Path htpasswd() {
        return directory.resolve("backup/.htpasswd");
    }

    /** The backup server configuration that reaches this sshd. */
    public BackupServerConfig.Builder server(String name) {
        return BackupServerConfig.builder(name).host("127.0.0.1").port(port)
                .user(user()).keyFile(clientKey()).knownHostsFile(knownHosts())
                .repositoryRoot(directory.resolve("backup").toString());
    }

    /** Prepares the password file and repository directory the way a prepared server has them. */
    public LocalSshd withEmptyPasswordFile() {
        try {
            Files.createDirectories(htpasswd().getParent());
            Files.writeString(htpasswd(), "");
            giveToUser(htpasswd().getParent());
            giveToUser(htpasswd());
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A new directory under this server's, owned by the user it logs in. */
    public Path newDirectory(String name) {
        try {
            Path dir = Files.createDirectories(directory.resolve(name));
            giveToUser(dir);
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lines of the password file. */
    public List<String> htpasswdLines() {
        try {
            return Files.exists(htpasswd()) ? Files.readAllLines(htpasswd()) : List.of();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the server, dropping every connection to it; {@link #restart()} brings it back on the same port. */
    public void stop() {
        if (process != null) {
            LoopbackServers.stop(process);
            process = null;
        }
    }

    public void restart() {
        stop();
        startProcess();
    }

    @Override
    public void close() {
        stop();
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind
        }
    }

    /** The user the server logs in. */
    public static String user() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return System.getProperty("user.name");
        }
        synchronized (LocalSshd.class) {
            if (!backupUserReady) {
                if (run("id", "-u", BACKUP_USER) != 0 && run("useradd", "--system", "--no-create-home",
                        "--home-dir", "/nonexistent", "--shell", "/bin/sh", "--password", "*", BACKUP_USER) != 0) {
                    throw new IllegalStateException("cannot create the test user " + BACKUP_USER);
                }
                backupUserReady = true;
            }
        }
        return BACKUP_USER;
    }


    private static int run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(30, TimeUnit.SECONDS) ? p.exitValue() : -1;
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static void giveToUser(Path path) throws IOException {
        String user = user();
        if (!user.equals(System.getProperty("user.name"))) {
            Files.setOwner(path, path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName(user));
        }
    }

    private void configure() throws IOException {
        Files.setPosixFilePermissions(directory, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
        keygen(directory.resolve("host_key"));
        keygen(clientKey());
        Files.copy(directory.resolve("client_key.pub"), directory.resolve("authorized_keys"));
        String hostKey = Files.readString(directory.resolve("host_key.pub")).trim();
        String[] parts = hostKey.split(" ");
        Files.writeString(knownHosts(), "[127.0.0.1]:" + port + " " + parts[0] + " " + parts[1] + "\n");
        Files.writeString(directory.resolve("sshd_config"), String.join("\n",
                "Port " + port,
                "ListenAddress 127.0.0.1",
                "HostKey " + directory.resolve("host_key"),
                "PidFile " + directory.resolve("sshd.pid"),
                "AuthorizedKeysFile " + directory.resolve("authorized_keys"),
                "StrictModes no",
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PubkeyAuthentication yes",
                "PermitRootLogin prohibit-password",
                "AllowUsers " + user(),
                "Subsystem sftp internal-sftp",
                "MaxSessions 64",
                "MaxStartups 64",
                "LogLevel ERROR",
                ""), StandardCharsets.UTF_8);
        Path privsep = Path.of("/run/sshd");
        if (!Files.isDirectory(privsep) && "root".equals(System.getProperty("user.name"))) {
            Files.createDirectories(privsep);
        }
    }

    private void startProcess() {
        Path log = directory.resolve("sshd.log");
        process = LoopbackServers.start(List.of(SSHD.toString(), "-D", "-e", "-f",
                directory.resolve("sshd_config").toString()), log);
        LoopbackServers.awaitPort(port, List.of(process), log);
    }

    private static void keygen(Path file) throws IOException {
        try {
            Process p = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", file.toString())
                    .redirectErrorStream(true).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException("ssh-keygen failed: " + new String(p.getInputStream().readAllBytes(),
                        StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }
}
