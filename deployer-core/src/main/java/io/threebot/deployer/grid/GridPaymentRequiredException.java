package io.threebot.deployer.grid;

/** The pool cannot feed the workload; buy more capacity first. */
public class GridPaymentRequiredException extends GridException {
    public GridPaymentRequiredException(String message) {
        super(message);
    }

    public GridPaymentRequiredException(String message, Throwable cause) {
        super(message, cause);
    }
}
