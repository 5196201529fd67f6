package io.threebot.deployer.examples.v3grid;

import java.util.Objects;

/**
 * An event the chain deposited, as {@code System.Events} holds it: the block, the phase (the index of the extrinsic
 * that caused it, or -1 for the end of the block, where billing runs), the pallet and event names as the metadata
 * spells them, and the event's data as the runtime's codec represents it (a map for named fields, a list for
 * several unnamed ones, the value itself for one).
 *
 * @param block     the block number
 * @param extrinsic the index of the extrinsic in the block, or -1 for the block's finalization
 * @param pallet    the pallet, e.g. {@code SmartContractModule}
 * @param name      the event, e.g. {@code ContractCreated}
 * @param data      the event's fields; null for an event without any
 */
public record ChainEvent(long block, int extrinsic, String pallet, String name, Object data) {
    /** @throws NullPointerException when a name is null */
    public ChainEvent {
        Objects.requireNonNull(pallet, "pallet");
        Objects.requireNonNull(name, "name");
    }
}
