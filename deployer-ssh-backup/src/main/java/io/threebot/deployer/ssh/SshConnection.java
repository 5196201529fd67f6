package io.threebot.deployer.ssh;

import io.threebot.deployer.model.Secret;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import net.schmizz.keepalive.KeepAliveProvider;
import net.schmizz.sshj.DefaultConfig;
import net.schmizz.sshj.SSHClient;
import net.schmizz.sshj.common.DisconnectReason;
import net.schmizz.sshj.connection.ConnectionException;
import net.schmizz.sshj.connection.channel.direct.Session;
import net.schmizz.sshj.sftp.RenameFlags;
import net.schmizz.sshj.sftp.SFTPClient;
import net.schmizz.sshj.xfer.FileSystemFile;
import net.schmizz.sshj.transport.TransportException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pooled, authenticated SSH connection to a backup server, opened on first use and reused by every command
 * (each command is a channel of its own, so commands may run at once). The host key must be in the known-hosts
 * file; {@code TCP_NODELAY} is on; a dropped connection is opened again, and a command that lost its connection
 * is run once more on the new one (the commands sent to backup servers are idempotent).
 */
public final class SshConnection implements RemoteShell, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SshConnection.class);

    private final BackupServerConfig server;
    private final SshSettings settings;
    private final AtomicInteger connects = new AtomicInteger();
    private SSHClient client;
    private boolean closed;

    public SshConnection(BackupServerConfig server, SshSettings settings) {
        this.server = server;
        this.settings = settings;
    }

    /** The server this connection reaches. */
    public BackupServerConfig server() {
        return server;
    }

    /** How many times a connection was opened, the first included. */
    public int connects() {
        return connects.get();
    }

    @Override
    public CommandResult run(String command, Optional<Secret> stdin) {
        SSHClient current = connected();
        try {
            return exec(current, command, stdin);
        } catch (TransportException | ConnectionException e) {
            // the connection broke under the command (the server restarted, say): the commands sent to backup
            // servers are idempotent, so run it once more on a new connection
            LOG.info("Connection to backup server {} failed ({}); opening it again", server.name(), e.getMessage());
            try {
                return exec(reconnect(current), command, stdin);
            } catch (IOException again) {
                throw new SshConnectionException(describe() + ": connection lost: " + again.getMessage(), again);
            }
        } catch (IOException e) {
            throw new SshConnectionException(describe() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Copies a local file to the server over SFTP, to a temporary name first and then into place, with the mode given
     * (octal, e.g. {@code 0755}).
     */
    public void upload(Path local, String remotePath, int mode) {
        String temporary = remotePath + ".upload-" + System.nanoTime();
        try (SFTPClient sftp = connected().newSFTPClient()) {
            sftp.put(new FileSystemFile(local.toFile()), temporary);
            sftp.chmod(temporary, mode);
            sftp.rename(temporary, remotePath, EnumSet.of(RenameFlags.OVERWRITE, RenameFlags.ATOMIC));
        } catch (IOException e) {
            throw new SshConnectionException(describe() + ": cannot upload " + local.getFileName() + " to "
                    + remotePath + ": " + e.getMessage(), e);
        }
    }

    private CommandResult exec(SSHClient ssh, String command, Optional<Secret> stdin) throws IOException {
        try (Session session = ssh.startSession()) {
            Session.Command cmd = session.exec(command);
            try (OutputStream in = cmd.getOutputStream()) {
                if (stdin.isPresent()) {
                    in.write((stdin.get().value() + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            try {
                cmd.join(settings.commandTimeout().toMillis(), TimeUnit.MILLISECONDS);
            } catch (ConnectionException e) {
                if (ssh.isConnected() && cmd.isOpen()) {
                    // dropping the connection is the one sure way to end the remote command; the next one reconnects
                    discard(ssh);
                    throw new SshCommandTimeoutException(describe() + ": a command did not finish within "
                            + settings.commandTimeout().toMillis() + " ms; its connection was closed");
                }
                throw e;
            }
            Integer status = cmd.getExitStatus();
            return new CommandResult(status == null ? -1 : status, read(cmd.getInputStream()),
                    read(cmd.getErrorStream()));
        }
    }

    private static String read(InputStream in) throws IOException {
        return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }

    private synchronized SSHClient connected() {
        if (closed) {
            throw new IllegalStateException("the connection to " + server.name() + " is closed");
        }
        if (client == null || !client.isConnected() || !client.isAuthenticated()) {
            client = open();
        }
        return client;
    }

    private SSHClient reconnect(SSHClient broken) {
        discard(broken);
        return connected();
    }

    private synchronized void discard(SSHClient broken) {
        if (client == broken) {
            client = null;
        }
        quietlyClose(broken);
    }

    private SSHClient open() {
        if (client != null) {
            quietlyClose(client);
        }
        DefaultConfig config = new DefaultConfig();
        boolean keepAlive = !settings.keepAliveInterval().isZero();
        if (keepAlive) {
            config.setKeepAliveProvider(KeepAliveProvider.KEEP_ALIVE);
        }
        SSHClient ssh = new SSHClient(config);
        int timeout = (int) settings.connectTimeout().toMillis();
        ssh.setConnectTimeout(timeout);
        ssh.getTransport().setTimeoutMs(timeout);
        try {
            ssh.loadKnownHosts(server.knownHostsFile().toFile());
            ssh.connect(server.host(), server.port());
            ssh.getSocket().setTcpNoDelay(true);
            if (keepAlive) {
                ssh.getConnection().getKeepAlive()
                        .setKeepAliveInterval((int) Math.max(1, settings.keepAliveInterval().toSeconds()));
            }
            ssh.authPublickey(server.user(), ssh.loadKeys(server.keyFile().toString()));
            connects.incrementAndGet();
            LOG.debug("Connected to backup server {} at {}", server.name(), server.endpoint());
            return ssh;
        } catch (TransportException e) {
            quietlyClose(ssh);
            if (e.getDisconnectReason() == DisconnectReason.HOST_KEY_NOT_VERIFIABLE) {
                throw new SshHostKeyException(describe() + ": its host key is not the one in "
                        + server.knownHostsFile() + "; refusing to connect", e);
            }
            throw new SshConnectionException(describe() + ": cannot connect: " + e.getMessage(), e);
        } catch (IOException e) {
            quietlyClose(ssh);
            throw new SshConnectionException(describe() + ": cannot connect: " + e.getMessage(), e);
        }
    }

    private String describe() {
        return "backup server " + server.name() + " (" + server.endpoint() + ")";
    }

    private static void quietlyClose(SSHClient ssh) {
        try {
            ssh.close();
        } catch (IOException | RuntimeException e) {
            LOG.debug("Closing an SSH connection failed", e);
        }
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (client != null) {
            quietlyClose(client);
            client = null;
        }
    }
}
