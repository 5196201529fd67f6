package io.threebot.deployer.ssh;

/** POSIX shell quoting: the word is taken literally by {@code sh}, whatever it holds. */
public final class ShellQuote {
    private ShellQuote() {
    }

    public static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
