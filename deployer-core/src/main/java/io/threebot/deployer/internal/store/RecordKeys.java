package io.threebot.deployer.internal.store;

import java.util.regex.Pattern;

/** Checks record kinds and ids, so that they are safe as file names everywhere. */
public final class RecordKeys {
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

    private RecordKeys() {
    }

    /**
     * True when {@code id} could name a record: one that cannot (too long, unsafe characters) names none, so a
     * look-up of it finds nothing, as for an unknown id.
     */
    public static boolean isRecordId(String id) {
        return id != null && SAFE.matcher(id).matches();
    }

    /** Refuses a kind or id that is not safe as a file name. */
    public static void check(String kind, String id) {
        if (kind == null || !SAFE.matcher(kind).matches()) {
            throw new IllegalArgumentException("record kind must match " + SAFE + ": " + kind);
        }
        if (id == null || !SAFE.matcher(id).matches()) {
            throw new IllegalArgumentException("record id must match " + SAFE + ": " + id);
        }
    }
}
