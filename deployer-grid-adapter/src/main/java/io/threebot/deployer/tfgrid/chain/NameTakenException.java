package io.threebot.deployer.tfgrid.chain;

/** A name contract for that name exists already ({@code NameExists}). Reason {@link Reason#CONFLICT}. */
public final class NameTakenException extends ChainModuleException {
    NameTakenException(DispatchError dispatchError, String blockHash) {
        super(dispatchError, blockHash, Reason.CONFLICT);
    }
}
