package io.threebot.deployer.tfgrid.chain;

/**
 * An extrinsic failed with a module error: {@code DispatchError::Module}, looked up in the runtime metadata by
 * pallet and error index to the pallet's and the error's names (e.g. {@code SmartContractModule.NodeNotExists}).
 * Well-known errors have subclasses ({@link TwinNotFoundException}, {@link NameTakenException}, ...); the others
 * are instances of this class. Reason {@link Reason#UNAVAILABLE} unless a subclass says otherwise.
 */
public class ChainModuleException extends ExtrinsicFailedException {
    private final Reason reason;

    ChainModuleException(DispatchError dispatchError, String blockHash) {
        this(dispatchError, blockHash, Reason.UNAVAILABLE);
    }

    ChainModuleException(DispatchError dispatchError, String blockHash, Reason reason) {
        super(dispatchError, blockHash, "the chain refused the extrinsic: " + dispatchError.pallet().orElse("?") + "."
                + dispatchError.error().orElse("?") + dispatchError.docs().map(d -> " (" + d + ")").orElse(""));
        this.reason = reason;
    }

    /** {@link Reason#UNAVAILABLE} for a module error without a type of its own; a typed one says. */
    @Override
    public Reason reason() {
        return reason;
    }

    /** The pallet's name, e.g. {@code TfgridModule}. */
    public String pallet() {
        return dispatchError().pallet().orElse("");
    }

    /** The error's name, e.g. {@code TwinNotExists}. */
    public String error() {
        return dispatchError().error().orElse("");
    }
}
