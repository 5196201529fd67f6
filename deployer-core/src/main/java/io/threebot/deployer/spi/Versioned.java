package io.threebot.deployer.spi;

import java.util.Objects;

/** A stored value and the version it was read at; writes name the version they replace. */
public record Versioned<T>(String id, long version, T value) {
    public Versioned {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(value, "value");
    }
}
