package io.threebot.deployer.stellar;

import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * The journal of the payments the operator sends (refunds, pool payments), one record per idempotency key, kept in
 * the state store. A payment is journaled with its signed envelope and hash <em>before</em> it is submitted, so
 * after a crash, or from another instance, the same transaction is looked up on Horizon by that hash (and its
 * memo checked) and resubmitted if need be: one key never pays twice.
 */
final class SendJournal {
    /** Where a journaled payment stands. */
    enum State {
        /** Signed and journaled; maybe submitted, maybe applied. */
        PENDING,
        /** Applied on the ledger. */
        SENT,
        /** Its envelope can never be applied (failed, expired or its sequence number used): a new one may be signed. */
        REJECTED
    }

    /**
     * One journaled payment.
     *
     * @param envelopeXdr the signed transaction, base64 XDR (empty before the first is signed)
     * @param hash        its hash, hex
     * @param maxTime     the end of its time bounds, epoch seconds: it can never be applied after
     * @param checkAfter  when a PENDING whose sequence number was used elsewhere may be taken as never applied
     * @param failure     Horizon's result codes of the last rejection
     * @param refunded    for pool payments: the escrow's holder was asked to give it back
     */
    record Sending(String key, String destination, long amountStroops, String memo, State state,
                   String envelopeXdr, String hash, long maxTime, Optional<Instant> checkAfter, String failure,
                   boolean refunded) {
        Sending {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(state, "state");
            envelopeXdr = envelopeXdr == null ? "" : envelopeXdr;
            hash = hash == null ? "" : hash;
            failure = failure == null ? "" : failure;
            checkAfter = checkAfter == null ? Optional.empty() : checkAfter;
        }

        Sending signed(String envelope, String txHash, long until) {
            return new Sending(key, destination, amountStroops, memo, State.PENDING, envelope, txHash, until,
                    Optional.empty(), "", refunded);
        }

        Sending with(State next, String why) {
            return new Sending(key, destination, amountStroops, memo, next, envelopeXdr, hash, maxTime,
                    checkAfter, why, refunded);
        }

        Sending checkAfter(Instant at) {
            return new Sending(key, destination, amountStroops, memo, state, envelopeXdr, hash, maxTime,
                    Optional.of(at), failure, refunded);
        }

        Sending markedRefunded() {
            return new Sending(key, destination, amountStroops, memo, state, envelopeXdr, hash, maxTime,
                    checkAfter, failure, true);
        }

        boolean sameOrder(String dest, long amount, String text) {
            return destination.equals(dest) && amountStroops == amount && memo.equals(text);
        }
    }

    private final StateStore store;
    private final String kind;

    SendJournal(StateStore store, String kind) {
        this.store = store;
        this.kind = kind;
    }

    static String id(String key) {
        return RecordIds.of("k-", key);
    }

    Optional<Versioned<Sending>> get(String key) {
        return store.get(kind, id(key), Sending.class).filter(v -> v.value().key().equals(key));
    }

    /** The sent payment whose transaction has {@code hash}, if one does. */
    Optional<Versioned<Sending>> findSentByHash(String hash) {
        return store.find(kind, "hash", hash, Sending.class).stream()
                .filter(v -> v.value().state() == State.SENT && v.value().hash().equals(hash)).findFirst();
    }

    /** Writes the entry if it is still at {@code expectedVersion}; throws StaleVersionException otherwise. */
    Versioned<Sending> put(Sending entry, long expectedVersion) {
        return store.put(kind, id(entry.key()), entry, expectedVersion);
    }
}
