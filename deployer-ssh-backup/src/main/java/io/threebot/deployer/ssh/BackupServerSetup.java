package io.threebot.deployer.ssh;

import io.threebot.deployer.model.Secret;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Prepares a fresh backup server over SSH: the repository directory, an empty {@code .htpasswd}, the
 * {@code htpasswd} tool, the rest-server binary, and a systemd unit that runs
 * {@code rest-server --private-repos} and survives reboots. Every step checks first, so running it again on a
 * ready server changes nothing.
 */
public final class BackupServerSetup {
    private static final Logger LOG = LoggerFactory.getLogger(BackupServerSetup.class);

    private final SshConnection connection;
    private final BackupServerConfig server;
    private final SetupOptions options;

    public BackupServerSetup(SshConnection connection, SetupOptions options) {
        this.connection = connection;
        this.server = connection.server();
        this.options = options;
    }

    /**
     * Brings the server to the prepared state and says what it changed.
     *
     * @throws SshBackupException naming the step that failed; the steps before it stay done
     */
    public SetupReport prepare() {
        List<String> changes = new ArrayList<>();
        String root = ShellQuote.quote(server.repositoryRoot());
        String htpasswd = ShellQuote.quote(server.htpasswdFile());
        if (ensure("[ -d " + root + " ]", "mkdir -p " + root + " && chmod 700 " + root, "create the repositories")) {
            changes.add("created " + server.repositoryRoot());
        }
        if (ensure("[ -f " + htpasswd + " ]", "touch " + htpasswd + " && chmod 600 " + htpasswd,
                "create the password file")) {
            changes.add("created an empty " + server.htpasswdFile());
        }
        if (!check("command -v htpasswd >/dev/null")) {
            if (!options.installHtpasswd()) {
                throw new SshBackupException("backup server " + server.name() + " has no htpasswd; install"
                        + " apache2-utils there");
            }
            run("DEBIAN_FRONTEND=noninteractive apt-get install -y -q apache2-utils", "install apache2-utils");
            changes.add("installed apache2-utils");
        }
        String binary = ShellQuote.quote(options.restServerPath());
        if (!check("[ -x " + binary + " ]")) {
            installRestServer();
            changes.add("installed rest-server at " + options.restServerPath());
        }
        if (options.serviceUnitPath().isPresent()) {
            String unit = options.serviceUnitPath().get();
            boolean written = writeIfChanged(unit, serviceUnit());
            if (written) {
                changes.add("wrote " + unit);
            }
            if (options.startService() && (written || !check("systemctl is-active --quiet rest-server"))) {
                run("systemctl daemon-reload && systemctl enable rest-server && systemctl restart rest-server",
                        "start rest-server");
                changes.add("started rest-server on port " + options.listenPort());
            }
        }
        LOG.info("Backup server {} prepared: {}", server.name(), changes.isEmpty() ? "nothing to do" : changes);
        return new SetupReport(server.name(), changes);
    }

    /** The systemd unit that keeps rest-server running. */
    String serviceUnit() {
        String htpasswdOption = server.htpasswdFile().equals(server.repositoryRoot() + "/.htpasswd") ? ""
                : " --htpasswd-file " + server.htpasswdFile();
        return "[Unit]\n"
                + "Description=restic rest-server keeping 3Bot backups\n"
                + "After=network-online.target\n"
                + "Wants=network-online.target\n\n"
                + "[Service]\n"
                + "ExecStart=" + options.restServerPath() + " --private-repos --path " + server.repositoryRoot()
                + htpasswdOption + " --listen :" + options.listenPort() + "\n"
                + "Restart=always\n"
                + "RestartSec=5\n\n"
                + "[Install]\n"
                + "WantedBy=multi-user.target\n";
    }

    private void installRestServer() {
        String target = options.restServerPath();
        if (options.restServerBinary().isPresent()) {
            connection.upload(options.restServerBinary().get(), target, 0755);
            return;
        }
        String url = ShellQuote.quote(options.restServerDownload().toString());
        String temporary = ShellQuote.quote(target + ".download");
        String unpack = options.restServerDownload().getPath().endsWith(".gz") ? " | gunzip" : "";
        run("curl -fsSL " + url + unpack + " > " + temporary + " && chmod 755 " + temporary + " && mv " + temporary
                + " " + ShellQuote.quote(target), "download rest-server from " + options.restServerDownload());
    }

    private boolean writeIfChanged(String path, String content) {
        String file = ShellQuote.quote(path);
        String command = "t=$(mktemp) && cat > \"$t\" && if cmp -s \"$t\" " + file + "; then rm -f \"$t\"; echo same;"
                + " else chmod 644 \"$t\" && mv \"$t\" " + file + " && echo written; fi";
        CommandResult result = connection.run(command, Optional.of(Secret.of(content.stripTrailing())));
        if (!result.succeeded()) {
            throw new SshBackupException("backup server " + server.name() + " could not write " + path + ": "
                    + result.reason());
        }
        return result.stdout().strip().equals("written");
    }

    /** Runs {@code make} unless {@code test} holds; true when it ran. */
    private boolean ensure(String test, String make, String what) {
        if (check(test)) {
            return false;
        }
        run(make, what);
        return true;
    }

    private boolean check(String test) {
        return connection.run(test).succeeded();
    }

    private void run(String command, String what) {
        CommandResult result = connection.run(command);
        if (!result.succeeded()) {
            throw new SshBackupException("backup server " + server.name() + " could not " + what + " (exit "
                    + result.exitStatus() + "): " + result.reason());
        }
    }
}
