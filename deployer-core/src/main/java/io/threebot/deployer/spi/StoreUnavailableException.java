package io.threebot.deployer.spi;

/** The store cannot be reached (a database down or out of connections); the same call may work later. */
public class StoreUnavailableException extends StoreException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@link Reason#UNAVAILABLE}. */
    @Override
    public Reason reason() {
        return Reason.UNAVAILABLE;
    }
}
