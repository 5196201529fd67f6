package io.threebot.deployer.examples.v3grid;

import java.util.List;
import java.util.Objects;

/**
 * A block of the local chain: its header (SCALE, hashed with BLAKE2b-256 to give its hash), the extrinsics it
 * includes (the timestamp inherent first) and the events they deposited.
 *
 * @param number     the block number
 * @param hash       the block hash, 0x-prefixed hex
 * @param parentHash the parent's hash, 0x-prefixed hex
 * @param header     the SCALE-encoded header, hex without 0x
 * @param extrinsics the included extrinsics, each 0x-prefixed hex
 * @param timestamp  the chain time, milliseconds
 * @param eventsHex  {@code System.Events} of this block, SCALE, hex without 0x
 * @param events     the same events, decoded
 */
public record Block(long number, String hash, String parentHash, String header, List<String> extrinsics,
        long timestamp, String eventsHex, List<ChainEvent> events) {
    /** @throws NullPointerException when a part is null */
    public Block {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(parentHash, "parentHash");
        Objects.requireNonNull(header, "header");
        Objects.requireNonNull(eventsHex, "eventsHex");
        extrinsics = List.copyOf(extrinsics);
        events = List.copyOf(events);
    }
}
