package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.crypto.IdentityKeys;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * The owners' auto-renew choices, kept in the store: how many days to buy each time, the 3Bot identity's key sealed
 * with the deployer's {@link SecretSealer} (a pool is extended by its identity, and the recovery password is not
 * kept), and the payment request open for the next renewal. Turning auto-renew off deletes the key. Records are
 * kept per 3Bot identity, which stays the same when the 3Bot is started, resized or moved (its uuid does not).
 */
public final class AutoRenewals {
    /** The store kind of the records, one per 3Bot identity. */
    public static final String KIND = "auto-renewals";

    /** One 3Bot's auto-renewal. */
    public record Renewal(String identity, String owner, int days, String sealedSeed,
                          Optional<String> pendingPayment) {
        public Renewal {
            pendingPayment = pendingPayment == null ? Optional.empty() : pendingPayment;
        }

        Renewal withPending(Optional<String> payment) {
            return new Renewal(identity, owner, days, sealedSeed, payment);
        }

        @Override
        public String toString() {
            return "Renewal[identity=" + identity + ", owner=" + owner + ", days=" + days + ", pendingPayment="
                    + pendingPayment + "]";
        }
    }

    private final StateStore store;
    private final SecretSealer sealer;

    public AutoRenewals(StateStore store, SecretSealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    /** Turns auto-renew on (or changes its days), keeping a request already open. */
    void turnOn(String identity, String owner, int days, IdentityKeys keys) {
        String sealed = sealer.seal(HexFormat.of().formatHex(keys.seed()));
        Records.upsert(store, KIND, identity, Renewal.class, new Renewal(identity, owner, days, sealed,
                Optional.empty()), old -> new Renewal(identity, owner, days, sealed, old.pendingPayment()));
    }

    /** Turns auto-renew off; false when it was off. */
    boolean turnOff(String identity) {
        return store.get(KIND, identity, Renewal.class).map(v -> store.delete(KIND, identity, v.version()))
                .orElse(false);
    }

    Optional<Renewal> find(String identity) {
        return store.get(KIND, identity, Renewal.class).map(Versioned::value);
    }

    /** Every renewal waiting for its payment. */
    List<Renewal> pending() {
        return store.list(KIND, Renewal.class).stream().map(Versioned::value)
                .filter(r -> r.pendingPayment().isPresent()).toList();
    }

    void pending(String identity, Optional<String> payment) {
        if (find(identity).isPresent()) {
            Records.upsert(store, KIND, identity, Renewal.class, null, old -> old.withPending(payment));
        }
    }

    /** The identity key kept for the renewal. */
    IdentityKeys keys(Renewal renewal) {
        return IdentityKeys.fromSeed(HexFormat.of().parseHex(sealer.unseal(renewal.sealedSeed())));
    }
}
