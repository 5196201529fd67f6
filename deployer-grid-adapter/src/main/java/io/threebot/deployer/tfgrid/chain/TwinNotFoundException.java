package io.threebot.deployer.tfgrid.chain;

/** The twin the extrinsic names does not exist ({@code TwinNotExists}). Reason {@link Reason#NOT_FOUND}. */
public final class TwinNotFoundException extends ChainModuleException {
    TwinNotFoundException(DispatchError dispatchError, String blockHash) {
        super(dispatchError, blockHash, Reason.NOT_FOUND);
    }
}
