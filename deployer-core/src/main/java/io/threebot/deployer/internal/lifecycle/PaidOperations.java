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
import java.util.UUID;

/**
 * The paid operations that began and have not ended, kept in the store with what it takes to run them again: the
 * operation, its 3Bot, and the recovery password sealed with the deployer's {@link SecretSealer} (the 3Bot's identity
 * derives from it, and a chat's sealed answers are kept the same way). A record is written before the user's payment
 * is taken and deleted once the payment is settled or refunded, so a payment is never left in use without a record
 * from which another runner (after a crash, a take-over) finishes the operation or undoes it.
 *
 * <p>A change of a hosted 3Bot without a payment (a move its account pays for, a resize that buys no days) is kept
 * the same way, under a key of its 3Bot ({@link #unpaidKey}) with the operation's id: a call that takes it up again
 * (the chat's step taken over, the API called again, the stranded-operations sweep) resumes it under that id, so it
 * finds its journal and makes nothing twice.
 */
final class PaidOperations {
    /** The store kind of the records, one per payment. */
    static final String KIND = "paid-operations";

    /**
     * One operation under way.
     *
     * @param paymentId   the payment's id; for an operation without one, its key ({@link #unpaidKey})
     * @param operationId the id an operation without a payment runs under; empty for a paid one (its payment says it)
     */
    record Pending(String paymentId, String owner, String threebotUuid, PurchaseKind kind, Flavor flavor,
                   List<EligibleFarm> farms, Optional<String> nodeId, String sealedPassword, Instant startedAt,
                   Optional<String> chatLease, Optional<String> operationId) {
        Pending {
            chatLease = chatLease == null ? Optional.empty() : chatLease;
            operationId = operationId == null ? Optional.empty() : operationId;
            Objects.requireNonNull(paymentId, "paymentId");
            farms = farms == null ? List.of() : List.copyOf(farms);
            nodeId = nodeId == null ? Optional.empty() : nodeId;
        }

        /** True for an operation without a payment. */
        boolean unpaid() {
            return operationId.isPresent();
        }

        @Override
        public String toString() {
            return "Pending[" + (unpaid() ? "operation=" + operationId.get() : "payment=" + paymentId) + ", owner=" + owner + ", threebot=" + threebotUuid + ", kind="
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
        Records.upsert(store, KIND, paymentId, Pending.class, pending(paymentId, owner, threebotUuid, kind, flavor,
                rerun, now, Optional.empty()), old -> old);
    }

    /** The key of the operation without a payment on a 3Bot: one at a time, as the 3Bot's lease runs one. */
    static String unpaidKey(String threebotUuid) {
        return "unpaid-" + threebotUuid;
    }

    /** The operation without a payment on the 3Bot that began and has not ended, if one did. */
    Optional<Pending> unpaid(String threebotUuid) {
        return store.get(KIND, unpaidKey(threebotUuid), Pending.class).map(Versioned::value).filter(Pending::unpaid);
    }

    /**
     * Records an operation without a payment on the 3Bot, under a new operation id, before it runs; ended with
     * {@link #end} and the 3Bot's {@link #unpaidKey}.
     *
     * @return the operation recorded: the one already recorded when one did not end (it is resumed, not begun again)
     */
    Pending beginUnpaid(String owner, String threebotUuid, PurchaseKind kind, Flavor flavor, Rerun rerun,
                        Instant now) {
        String key = unpaidKey(threebotUuid);
        return Records.upsert(store, KIND, key, Pending.class, pending(key, owner, threebotUuid, kind, flavor, rerun,
                now, Optional.of(UUID.randomUUID().toString())), old -> old).value();
    }

    private Pending pending(String key, String owner, String threebotUuid, PurchaseKind kind, Flavor flavor,
                            Rerun rerun, Instant now, Optional<String> operationId) {
        // an operation a chat's long step runs is resumed by that chat, while the chat holds its lease
        Optional<String> chatLease = FenceScope.leaseNames().stream().filter(n -> n.startsWith("session-"))
                .findFirst();
        return new Pending(key, owner, threebotUuid, kind, flavor, rerun.farms(), rerun.nodeId(),
                sealer.seal(rerun.password()), now, chatLease, operationId);
    }

    /** The operation ended: its payment is settled or refunded (one without a payment: by its 3Bot's key). */
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
