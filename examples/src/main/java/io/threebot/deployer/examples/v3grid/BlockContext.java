package io.threebot.deployer.examples.v3grid;

import io.threebot.deployer.tfgrid.chain.RuntimeMetadata;
import java.util.ArrayList;
import java.util.List;

/**
 * What the pallets see while a block is built: the state, the configuration, the block number and chain time, and
 * where events go (each tagged with the extrinsic being applied, or -1 at the block's end).
 */
final class BlockContext {
    final RuntimeMetadata metadata;
    final ChainState state;
    final LocalTfchainConfig config;
    final long blockNumber;
    final long nowSeconds;
    private final List<ChainEvent> events = new ArrayList<>();
    private int extrinsic = -1;

    BlockContext(RuntimeMetadata metadata, ChainState state, LocalTfchainConfig config, long blockNumber,
            long nowSeconds) {
        this.metadata = metadata;
        this.state = state;
        this.config = config;
        this.blockNumber = blockNumber;
        this.nowSeconds = nowSeconds;
    }

    void applying(int index) {
        this.extrinsic = index;
    }

    void deposit(String pallet, String name, Object data) {
        events.add(new ChainEvent(blockNumber, extrinsic, pallet, name, data));
    }

    int eventCount() {
        return events.size();
    }

    /** Drops the events deposited after {@code count} (the effects of a call that failed are undone). */
    void truncateEvents(int count) {
        while (events.size() > count) {
            events.remove(events.size() - 1);
        }
    }

    List<ChainEvent> events() {
        return List.copyOf(events);
    }
}
