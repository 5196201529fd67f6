package io.threebot.deployer.spi;

import io.threebot.deployer.crypto.IdentityKeys;
import java.util.Objects;

/** A registered grid identity that signs the calls made in its name. */
public record GridIdentity(long tid, String name, IdentityKeys keys) {
    public GridIdentity {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keys, "keys");
    }
}
