package io.threebot.deployer.ssh;

import java.util.Objects;

/**
 * The shell lines that manage backup accounts on a backup server running rest-server with an {@code .htpasswd}
 * file. Passwords never appear in them: {@code htpasswd -i} reads the password from standard input.
 *
 * @param htpasswdFile    the rest-server's password file, e.g. {@code /root/backup/.htpasswd}
 * @param repositoryRoot  the directory holding one repository per account, e.g. {@code /root/backup}
 */
public record HtpasswdCommands(String htpasswdFile, String repositoryRoot) {
    public HtpasswdCommands {
        Objects.requireNonNull(htpasswdFile, "htpasswdFile");
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
    }

    /** Creates or resets an account (bcrypt); send the password on standard input. */
    public String create(BackupAccountName account) {
        return "htpasswd -i -B " + ShellQuote.quote(htpasswdFile) + " " + ShellQuote.quote(account.value());
    }

    /** Exits 0 when the password on standard input is the account's. */
    public String verify(BackupAccountName account) {
        return "htpasswd -i -v " + ShellQuote.quote(htpasswdFile) + " " + ShellQuote.quote(account.value());
    }

    /** Removes the account and its repository. */
    public String delete(BackupAccountName account) {
        String repository = repositoryRoot.replaceAll("/+$", "") + "/" + account.value();
        return "htpasswd -D " + ShellQuote.quote(htpasswdFile) + " " + ShellQuote.quote(account.value())
                + " && rm -rf -- " + ShellQuote.quote(repository);
    }
}
