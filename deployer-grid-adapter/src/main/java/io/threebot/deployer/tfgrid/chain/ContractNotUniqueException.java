package io.threebot.deployer.tfgrid.chain;

/** A node contract with the same node and deployment hash exists already ({@code ContractIsNotUnique}). Reason {@link Reason#CONFLICT}. */
public final class ContractNotUniqueException extends ChainModuleException {
    ContractNotUniqueException(DispatchError dispatchError, String blockHash) {
        super(dispatchError, blockHash, Reason.CONFLICT);
    }
}
