package io.threebot.deployer.tfgrid.chain;

import java.util.Optional;

/**
 * An extrinsic was handed to the node, and then its fate could not be learned: no final status before the deadline,
 * the connection closed, or the node's answers about it made no sense. It may still be (or have been) included and
 * paid for, so the client never submits it again by itself; whoever made it looks for its effect (a twin, a
 * contract, a balance) before trying anything that could pay twice. Its nonce is used once at most: an extrinsic
 * made later by the same signer either takes the next nonce or usurps this one. Reason {@link Reason#UNAVAILABLE}.
 */
public final class ExtrinsicOutcomeUnknownException extends ChainException {
    private final String extrinsicHash;
    private final String blockHash;

    ExtrinsicOutcomeUnknownException(String extrinsicHash, String blockHash, String message, Throwable cause) {
        super(message, cause);
        this.extrinsicHash = extrinsicHash;
        this.blockHash = blockHash;
    }

    /** The extrinsic's hash, {@code 0x} hex. */
    public String extrinsicHash() {
        return extrinsicHash;
    }

    /** The block the node last said holds it, when it said so. */
    public Optional<String> blockHash() {
        return Optional.ofNullable(blockHash);
    }
}
