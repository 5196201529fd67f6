package io.threebot.deployer.examples.v3grid;

import java.util.Objects;
import java.util.Optional;

/**
 * A twin: a grid identity bound to an account, with the relay it is reached through and its end-to-end key.
 *
 * @param id        the twin id
 * @param account   the account's public key, hex (64 characters)
 * @param relay     the relay domain, when set
 * @param publicKey the end-to-end key bytes as given, hex, when set
 */
public record Twin(long id, String account, Optional<String> relay, Optional<String> publicKey) {
    /** @throws NullPointerException when a part is null */
    public Twin {
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(publicKey, "publicKey");
    }
}
