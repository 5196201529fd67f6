package io.threebot.deployer.tfgrid.chain;

import java.util.Optional;

/**
 * The signer's balance cannot pay: the node refused the extrinsic because it cannot pay its fees (nothing was
 * included), or it was included and failed with a balance error ({@code Balances.InsufficientBalance},
 * {@code DispatchError::Token(FundsUnavailable)}, a pallet's own "not enough funds" error). Top up the account and
 * make the extrinsic again. Reason {@link Reason#PAYMENT_REQUIRED}.
 */
public final class NotEnoughFundsException extends ChainException {
    private final DispatchError dispatchError;
    private final String blockHash;

    NotEnoughFundsException(String message, DispatchError dispatchError, String blockHash) {
        super(message);
        this.dispatchError = dispatchError;
        this.blockHash = blockHash;
    }

    /** The dispatch error when the extrinsic was included and failed; empty when the node refused it. */
    public Optional<DispatchError> dispatchError() {
        return Optional.ofNullable(dispatchError);
    }

    /** The block the failed extrinsic is in; empty when the node refused it. */
    public Optional<String> blockHash() {
        return Optional.ofNullable(blockHash);
    }

    /** {@link Reason#PAYMENT_REQUIRED}. */
    @Override
    public Reason reason() {
        return Reason.PAYMENT_REQUIRED;
    }
}
