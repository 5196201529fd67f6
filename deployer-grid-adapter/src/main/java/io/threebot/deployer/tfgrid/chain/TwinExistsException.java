package io.threebot.deployer.tfgrid.chain;

/** The account has a twin already ({@code TwinExists}). Reason {@link Reason#CONFLICT}. */
public final class TwinExistsException extends ChainModuleException {
    TwinExistsException(DispatchError dispatchError, String blockHash) {
        super(dispatchError, blockHash, Reason.CONFLICT);
    }
}
