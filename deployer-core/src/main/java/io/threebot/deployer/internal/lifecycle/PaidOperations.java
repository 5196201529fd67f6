package io.threebot.deployer.internal.lifecycle;

import io.threebot.deployer.billing.PurchaseKind;
import io.threebot.deployer.internal.grid.CapacityFinder.EligibleFarm;
import io.threebot.deployer.internal.store.FenceScope;
import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.model.Flavor;
import io.threebot.deployer.spi.SecretSealer;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The paid operations that began and have not ended, kept in the store with what it takes to run them again: the
 * operation, its 3Bot, and the recovery password sealed with the deployer's {@link SecretSealer} (the 3Bot's identity
 * derives from it, and a chat's sealed answers are kept the same way). A record is written before the user's payment
 * is taken and deleted once the payment is settled or refunded, so a payment is never left in use without a record
 * from which another runner (after a crash, a take-over) finishes the operation or undoes it.
 */
final class PaidOperations {
    /** The store kind of the records, one per payment. */
    static final String KIND = "paid-operations";

    /** One paid operation under way. */
    record Pending(String paymentId, String owner, String threebotUuid, PurchaseKind kind, Flavor flavor,
                   List<EligibleFarm> farms, Optional<String> nodeId, String sealedPassword, Instant startedAt,
                   Optional<String> chatLease) {
        Pending {
            chatLease = chatLease == null ? Optional.empty() : chatLease;
            Objects.requireNonNull(paymentId, "paymentId");
            farms = farms == null ? List.of() : List.copyOf(farms);
            nodeId = nodeId == null ? Optional.empty() : nodeId;
        }

        @Override
        public String toString() {
            return "Pending[payment=" + paymentId + ", owner=" + owner + ", threebot=" + threebotUuid + ", kind="
                    + kind + "]";
        }
    }

    /** How an operation is run again: the farms and node a move chose, besides what the 3Bot says. */
    record Rerun(String password, List<EligibleFarm> farms, Optional<String> nodeId) {
        static Rerun of(String password) {
            return new Rerun(password, List.of(), Optional.empty());
        }
    }

    private final StateStore store;
    private final SecretSealer sealer;

    PaidOperations(StateStore store, SecretSealer sealer) {
        this.store = store;
        this.sealer = sealer;
    }

    /** Records the operation before its payment is taken (again, when it is run again: the record stays one). */
    void begin(String paymentId, String owner, String threebotUuid, PurchaseKind kind, Flavor flavor, Rerun rerun,
               Instant now) {
        // an operation a chat's long step runs is resumed by that chat, while the chat holds its lease
        Optional<String> chatLease = FenceScope.leaseNames().stream().filter(n -> n.startsWith("session-"))
                .findFirst();
        Pending pending = new Pending(paymentId, owner, threebotUuid, kind, flavor, rerun.farms(), rerun.nodeId(),
                sealer.seal(rerun.password()), now, chatLease);
        Records.upsert(store, KIND, paymentId, Pending.class, pending, old -> old);
    }

    /** The operation ended: its payment is settled or refunded. */
    void end(String paymentId) {
        store.get(KIND, paymentId, Pending.class)
                .ifPresent(v -> Records.deleteUnlessChanged(store, KIND, paymentId, v.version()));
    }

    /** Every paid operation that has not ended. */
    List<Pending> all() {
        return store.list(KIND, Pending.class).stream().map(Versioned::value).toList();
    }

    /** The recovery password of a pending operation, unsealed, to run it again. */
    Rerun rerun(Pending pending) {
        return new Rerun(sealer.unseal(pending.sealedPassword()), pending.farms(), pending.nodeId());
    }
}
