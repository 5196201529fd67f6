package io.threebot.deployer.ssh;

/** POSIX shell quoting: the word is taken literally by {@code sh}, whatever it holds. */
public final class ShellQuote {
    private ShellQuote() {
    }

    /** The word in single quotes, each single quote in it closed, escaped and reopened. */
    public static String quote(String word) {
        return "'" + word.replace("'", "'\"'\"'") + "'";
    }
}
