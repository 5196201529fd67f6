package io.threebot.deployer.stellar;

import io.threebot.deployer.spi.IncomingTransfer;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The TFT payments the operator's account received, kept in the state store by memo (one record per memo), so the
 * deployer's matching sees them whichever instance followed them. Recording one twice records it once.
 */
final class ReceivedTransfers {
    static final String KIND = "stellar-received";
    private static final int ATTEMPTS = 50;

    /** One received payment. */
    record Transfer(String id, String sender, long amountStroops, Instant receivedAt, String pagingToken) {
    }

    /** The stored form: every payment received with one memo. */
    record ByMemo(String memo, List<Transfer> transfers) {
        ByMemo {
            transfers = List.copyOf(transfers);
        }
    }

    private final StateStore store;

    ReceivedTransfers(StateStore store) {
        this.store = store;
    }

    void record(String memo, Transfer transfer) {
        String id = RecordIds.of("m-", memo);
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<Versioned<ByMemo>> current = store.get(KIND, id, ByMemo.class);
            List<Transfer> transfers = new ArrayList<>(current.map(v -> v.value().transfers()).orElse(List.of()));
            if (transfers.stream().anyMatch(t -> t.id().equals(transfer.id()))) {
                return;
            }
            transfers.add(transfer);
            transfers.sort(Comparator.comparing(t -> PaymentCursor.parse(t.pagingToken())));
            try {
                store.put(KIND, id, new ByMemo(memo, transfers),
                        current.map(Versioned::version).orElse(StateStore.NEW));
                return;
            } catch (StaleVersionException e) {
                // another instance recorded a payment of this memo first: add ours to it
            }
        }
        throw new IllegalStateException("the payments of one memo kept changing under us");
    }

    /** Every payment received with exactly {@code memo}, oldest first. */
    List<IncomingTransfer> withMemo(String memo) {
        return store.get(KIND, RecordIds.of("m-", memo), ByMemo.class)
                .filter(v -> v.value().memo().equals(memo))
                .map(v -> v.value().transfers().stream()
                        .map(t -> new IncomingTransfer(t.id(), t.sender(), t.amountStroops(), memo, t.receivedAt()))
                        .toList())
                .orElse(List.of());
    }
}
