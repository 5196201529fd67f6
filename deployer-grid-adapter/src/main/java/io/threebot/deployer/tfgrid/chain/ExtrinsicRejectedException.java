package io.threebot.deployer.tfgrid.chain;

/**
 * An extrinsic that was not included and will not be: the node's transaction pool refused it when it was submitted,
 * or reported it invalid, dropped, or usurped by another extrinsic with the same nonce. Nothing it asked for
 * happened and nothing was paid for it; the client does not submit it again. Reason {@link Reason#CONFLICT} for
 * a usurped extrinsic (another one with its nonce was included), {@link Reason#UNAVAILABLE} otherwise.
 */
public final class ExtrinsicRejectedException extends ChainException {
    /** What became of the extrinsic. */
    public enum Status {
        /** The node refused it on submission (a JSON-RPC error: bad signature, stale nonce, a full pool...). */
        REFUSED,
        /** The pool found it invalid after accepting it. */
        INVALID,
        /** The pool dropped it (full, or replaced by one paying more). */
        DROPPED,
        /** Another extrinsic with the same nonce was included instead. */
        USURPED
    }

    private final Status status;
    private final String extrinsicHash;

    ExtrinsicRejectedException(Status status, String extrinsicHash, String message) {
        super(message);
        this.status = status;
        this.extrinsicHash = extrinsicHash;
    }

    ExtrinsicRejectedException(Status status, String extrinsicHash, String message, Throwable cause) {
        super(message, cause);
        this.status = status;
        this.extrinsicHash = extrinsicHash;
    }

    /** What became of the extrinsic. */
    public Status status() {
        return status;
    }

    /** The extrinsic's hash, {@code 0x} hex. */
    public String extrinsicHash() {
        return extrinsicHash;
    }

    /** {@link Reason#CONFLICT} when usurped, {@link Reason#UNAVAILABLE} otherwise. */
    @Override
    public Reason reason() {
        return status == Status.USURPED ? Reason.CONFLICT : Reason.UNAVAILABLE;
    }
}
