package io.threebot.deployer.examples.v3grid;

import java.math.BigInteger;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What grid discovery remembers of contracts beyond the chain's live state, as an indexer does: when each contract
 * was created, the contracts deleted since (with their last state) and the bill reports ({@code ContractBilled}).
 * Fed by the chain's blocks; bounded (the oldest deleted contracts and bills are forgotten first). Thread-safe: the
 * lock guards only in-memory copies.
 */
final class ContractHistory implements ChainListener {
    static final int MAX_DELETED = 10_000;
    static final int MAX_BILLS = 100_000;

    /**
     * A bill report.
     *
     * @param contractId the contract billed
     * @param amount     the amount billed, in TFT's smallest unit
     * @param discount   the discount level received
     * @param timestamp  the chain time, seconds
     */
    record Bill(long contractId, BigInteger amount, String discount, long timestamp) {
    }

    /**
     * A contract that no longer exists on chain.
     *
     * @param contract  its last state
     * @param createdAt when it was created, seconds
     * @param deletedAt when it was deleted, seconds
     */
    record Deleted(Contract contract, long createdAt, long deletedAt) {
    }

    private final LocalTfchain chain;
    private final Object lock = new Object();
    private final Map<Long, Contract> live = new HashMap<>();
    private final Map<Long, Long> createdAt = new HashMap<>();
    private final LinkedHashMap<Long, Deleted> deleted = new LinkedHashMap<>();
    private final Deque<Bill> bills = new ArrayDeque<>();

    ContractHistory(LocalTfchain chain) {
        this.chain = chain;
        long now = chain.head().timestamp() / 1000;
        synchronized (lock) {
            for (Contract contract : chain.contracts()) {
                live.put(contract.id(), contract);
                createdAt.put(contract.id(), now);
            }
        }
    }

    @Override
    public void onBlock(Block block) {
        long now = block.timestamp() / 1000;
        List<Contract> current = chain.contracts();
        List<Bill> billed = new ArrayList<>();
        for (ChainEvent event : block.events()) {
            if (event.name().equals("ContractBilled") && event.data() instanceof Map<?, ?> data) {
                billed.add(new Bill(number(data.get("contract_id")),
                        new BigInteger(String.valueOf(data.get("amount_billed"))),
                        String.valueOf(data.get("discount_level")), number(data.get("timestamp"))));
            }
        }
        synchronized (lock) {
            Map<Long, Contract> seen = new HashMap<>();
            for (Contract contract : current) {
                seen.put(contract.id(), contract);
                createdAt.putIfAbsent(contract.id(), now);
            }
            for (Map.Entry<Long, Contract> before : live.entrySet()) {
                if (!seen.containsKey(before.getKey())) {
                    deleted.put(before.getKey(), new Deleted(before.getValue(),
                            createdAt.getOrDefault(before.getKey(), now), now));
                    createdAt.remove(before.getKey());
                }
            }
            while (deleted.size() > MAX_DELETED) {
                deleted.remove(deleted.keySet().iterator().next());
            }
            live.clear();
            live.putAll(seen);
            bills.addAll(billed);
            while (bills.size() > MAX_BILLS) {
                bills.removeFirst();
            }
        }
    }

    private static long number(Object value) {
        return value instanceof Number n ? n.longValue() : Long.parseLong(String.valueOf(value));
    }

    /** When a live contract was created (seconds), when known. */
    Optional<Long> createdAt(long contractId) {
        synchronized (lock) {
            return Optional.ofNullable(createdAt.get(contractId));
        }
    }

    /** The deleted contracts remembered, oldest deletion first. */
    List<Deleted> deleted() {
        synchronized (lock) {
            return List.copyOf(deleted.values());
        }
    }

    /** The bill reports remembered, oldest first. */
    List<Bill> bills() {
        synchronized (lock) {
            return List.copyOf(bills);
        }
    }
}
