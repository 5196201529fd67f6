package io.threebot.deployer.tfgrid.chain;

/** The contract the extrinsic names does not exist ({@code ContractNotExists}). Reason {@link Reason#NOT_FOUND}. */
public final class ContractNotFoundException extends ChainModuleException {
    ContractNotFoundException(DispatchError dispatchError, String blockHash) {
        super(dispatchError, blockHash, Reason.NOT_FOUND);
    }
}
