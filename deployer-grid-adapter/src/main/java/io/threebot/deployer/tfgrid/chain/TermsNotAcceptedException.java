package io.threebot.deployer.tfgrid.chain;

/** The account has not accepted the terms and conditions ({@code UserDidNotSignTermsAndConditions}): {@code TfgridModule.user_accept_tc} comes first. Reason {@link Reason#FORBIDDEN}. */
public final class TermsNotAcceptedException extends ChainModuleException {
    TermsNotAcceptedException(DispatchError dispatchError, String blockHash) {
        super(dispatchError, blockHash, Reason.FORBIDDEN);
    }
}
