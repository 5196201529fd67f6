package io.threebot.deployer.ssh;

import java.util.Objects;

/**
 * The shell lines that manage backup accounts on a backup server running rest-server with an {@code .htpasswd}
 * file. Passwords never appear in them: {@code htpasswd -i} reads the password from standard input, and so does
 * {@link #restore} read the entry it puts back.
 *
 * @param htpasswdFile    the rest-server's password file, e.g. {@code /root/backup/.htpasswd}
 * @param repositoryRoot  the directory holding one repository per account, e.g. {@code /root/backup}
 */
public record HtpasswdCommands(String htpasswdFile, String repositoryRoot) {
    /** bcrypt cost: about 50 ms a hash, against htpasswd's default of 5. */
    static final int BCRYPT_COST = 10;

    public HtpasswdCommands {
        Objects.requireNonNull(htpasswdFile, "htpasswdFile");
        Objects.requireNonNull(repositoryRoot, "repositoryRoot");
    }

    /** Creates or resets an account (bcrypt); send the password on standard input. */
    public String create(BackupAccountName account) {
        return "htpasswd -i -B -C " + BCRYPT_COST + " " + file() + " " + user(account);
    }

    /** Exits 0 when the password on standard input is the account's. */
    public String verify(BackupAccountName account) {
        return "htpasswd -i -v " + file() + " " + user(account);
    }

    /** Removes the account and its repository; succeeds when neither exists. */
    public String delete(BackupAccountName account) {
        String repository = repositoryRoot.replaceAll("/+$", "") + "/" + account.value();
        return removeEntry(account) + " && rm -rf -- " + ShellQuote.quote(repository);
    }

    /** Removes the account's line only, keeping any repository. */
    public String removeEntry(BackupAccountName account) {
        return "htpasswd -D " + file() + " " + user(account);
    }

    /** Prints the account's line of the password file, or nothing when it has none. */
    public String entry(BackupAccountName account) {
        return "if [ -f " + file() + " ]; then grep -m1 -- " + ShellQuote.quote("^" + account.value() + ":") + " "
                + file() + " || true; fi";
    }

    /** Replaces the account's line by the one on standard input (as {@link #entry} printed it). */
    public String restore(BackupAccountName account) {
        return "t=$(mktemp " + ShellQuote.quote(htpasswdFile + ".XXXXXX") + ") && { grep -v -- "
                + ShellQuote.quote("^" + account.value() + ":") + " " + file() + " || true; cat; } > \"$t\""
                + " && mv \"$t\" " + file();
    }

    private String file() {
        return ShellQuote.quote(htpasswdFile);
    }

    private static String user(BackupAccountName account) {
        return ShellQuote.quote(account.value());
    }
}
