package io.threebot.deployer.examples.v3grid;

/** Told of every block the local chain makes, after its state is visible (and saved, with a data directory). */
@FunctionalInterface
public interface ChainListener {
    /** A new block; called on the block producer's thread, so it must not block. */
    void onBlock(Block block);
}
