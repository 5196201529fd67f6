package io.threebot.deployer.ssh;

/**
 * What a remote command did.
 *
 * @param exitStatus the command's exit status
 * @param stdout     its standard output
 * @param stderr     its standard error
 */
public record CommandResult(int exitStatus, String stdout, String stderr) {
    /** True when the command exited with status 0. */
    public boolean succeeded() {
        return exitStatus == 0;
    }

    /** Standard error, or standard output when that is empty, trimmed to one readable line for messages. */
    public String reason() {
        String text = (stderr.isBlank() ? stdout : stderr).strip().replaceAll("\\s+", " ");
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
