package io.threebot.deployer.tfgrid.rmb;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * What an RMB client needs to know of a peer twin, as tfchain holds it: the twin's account key, which its envelopes are
 * signed with, and its end-to-end public key ({@code pk}), when it set one. A peer with an e2e key is sent encrypted
 * bodies, and its encrypted replies are opened with that key.
 *
 * @param accountKey the 32-byte ed25519 public key (the twin's account id)
 * @param e2eKey     the secp256k1 public key (33 bytes compressed, as peers store it), or empty when the twin has none
 */
public record TwinKey(byte[] accountKey, Optional<byte[]> e2eKey) {
    public TwinKey {
        Objects.requireNonNull(accountKey, "accountKey");
        if (accountKey.length != 32) {
            throw new InvalidInputException("accountKey", "an account key has 32 bytes, not " + accountKey.length);
        }
        accountKey = accountKey.clone();
        byte[] e2e = e2eKey == null ? null : e2eKey.filter(k -> k.length > 0).orElse(null);
        if (e2e != null && !E2eKey.isPublicKey(e2e)) {
            throw new InvalidInputException("pk", "the twin's e2e key is not a secp256k1 public key");
        }
        e2eKey = Optional.ofNullable(e2e == null ? null : e2e.clone());
    }

    /** A twin without an e2e key: it is sent plain bodies. */
    public static TwinKey of(byte[] accountKey) {
        return new TwinKey(accountKey, Optional.empty());
    }

    /** A twin with an e2e key. */
    public static TwinKey of(byte[] accountKey, byte[] e2eKey) {
        return new TwinKey(accountKey, Optional.of(e2eKey));
    }

    /** A copy of the account key. */
    @Override
    public byte[] accountKey() {
        return accountKey.clone();
    }

    /** A copy of the e2e key, when there is one. */
    @Override
    public Optional<byte[]> e2eKey() {
        return e2eKey.map(byte[]::clone);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TwinKey t && Arrays.equals(accountKey, t.accountKey)
                && Arrays.equals(e2eKey.orElse(null), t.e2eKey.orElse(null));
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(accountKey) * 31 + Arrays.hashCode(e2eKey.orElse(null));
    }

    @Override
    public String toString() {
        return "TwinKey[" + HexFormat.of().formatHex(accountKey) + ", e2e="
                + e2eKey.map(HexFormat.of()::formatHex).orElse("none") + "]";
    }
}
