package io.threebot.deployer.ssh;

import io.threebot.deployer.model.IdentityNames;

/**
 * The name of a 3Bot's backup account, {@code <owner>_<name>}. Checked against a strict pattern before it comes
 * near a remote shell.
 */
public record BackupAccountName(String value) {
    public BackupAccountName {
        if (value == null || !IdentityNames.PATTERN.matcher(value).matches()) {
            throw new SshBackupException("not a valid backup account name: '" + printable(value)
                    + "' (expected <owner>_<name> in lower-case letters and digits)");
        }
    }

    private static String printable(String s) {
        if (s == null) {
            return "null";
        }
        String shown = s.codePoints().map(c -> c < 0x20 || c == 0x7f ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return shown.length() > 80 ? shown.substring(0, 80) + "..." : shown;
    }
}
