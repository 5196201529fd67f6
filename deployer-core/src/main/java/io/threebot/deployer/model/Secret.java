package io.threebot.deployer.model;

import java.util.Objects;

/** A secret string. It never shows in {@link #toString()}, so it stays out of logs and exception messages. */
public record Secret(String value) {
    public Secret {
        Objects.requireNonNull(value, "value");
    }

    public static Secret of(String value) {
        return new Secret(value == null ? "" : value);
    }

    @Override
    public String toString() {
        return "Secret[****]";
    }
}
