package io.threebot.deployer.stellar;

/** The operator's account holds too little TFT for the payment ({@code op_underfunded}), or too little XLM for the fee ({@code tx_insufficient_balance}). */
public final class StellarUnderfundedException extends StellarPaymentException {
    StellarUnderfundedException(String message) {
        super(message);
    }

    StellarUnderfundedException(String message, Throwable cause) {
        super(message, cause);
    }
}
