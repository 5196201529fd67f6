package io.threebot.deployer.tfgrid.chain;

import java.util.Objects;
import java.util.Optional;

/**
 * A twin as {@code TfgridModule.Twins} holds it: its id, the account that owns it (SS58, generic prefix 42), the
 * RMB relay it is reached through and its end-to-end public key ({@code 0x} hex), when set.
 */
public record Twin(long id, String account, Optional<String> relay, Optional<String> publicKey) {
    /** @throws NullPointerException when a part is null */
    public Twin {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
