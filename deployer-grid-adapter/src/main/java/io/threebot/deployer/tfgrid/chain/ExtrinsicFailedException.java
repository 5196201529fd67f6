package io.threebot.deployer.tfgrid.chain;

/**
 * An extrinsic was included in a block and failed: {@code System.ExtrinsicFailed} with the dispatch error it gives.
 * Its fee was paid; what it asked for did not happen. Module errors are {@link ChainModuleException}s (or one of
 * their typed subclasses); this class itself stands for the other dispatch errors ({@code BadOrigin},
 * {@code Token(...)}, {@code Arithmetic(...)}, ...). Reason {@link Reason#UNAVAILABLE} unless a subclass says
 * otherwise.
 */
public class ExtrinsicFailedException extends ChainException {
    private final DispatchError dispatchError;
    private final String blockHash;

    ExtrinsicFailedException(DispatchError dispatchError, String blockHash) {
        this(dispatchError, blockHash, "the chain refused the extrinsic: " + dispatchError);
    }

    ExtrinsicFailedException(DispatchError dispatchError, String blockHash, String message) {
        super(message);
        this.dispatchError = dispatchError;
        this.blockHash = blockHash;
    }

    /** The dispatch error, with the module error's pallet and name when it is one. */
    public DispatchError dispatchError() {
        return dispatchError;
    }

    /** The block the failed extrinsic is in, {@code 0x} hex. */
    public String blockHash() {
        return blockHash;
    }
}
