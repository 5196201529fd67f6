package io.threebot.deployer.tfgrid.proxy;

import java.util.Optional;

/**
 * A twin as {@code /twins} lists it: an identity on tfchain that RMB reaches.
 *
 * @param twinId    its id
 * @param accountId its account, an SS58 address
 * @param relay     the relay it is reached through (e.g. {@code relay.grid.tf}), when set
 * @param publicKey its end-to-end encryption key (hex), when set
 */
public record GridTwin(long twinId, String accountId, Optional<String> relay, Optional<String> publicKey) {
    /** {@code twinId} and {@code accountId} are required. */
    static GridTwin read(JsonFields json) {
        return new GridTwin(json.requiredCount("twinId"), json.requiredText("accountId"),
                json.optionalText("relay"), json.optionalText("publicKey"));
    }
}
