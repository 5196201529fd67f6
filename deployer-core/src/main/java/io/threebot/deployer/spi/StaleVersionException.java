package io.threebot.deployer.spi;

/** A write named a version that is no longer the stored one: another writer came first. */
public class StaleVersionException extends StoreException {
    public StaleVersionException(String kind, String id, long expected, long actual) {
        super("record " + kind + "/" + id + " is at version " + actual + ", not " + expected);
    }

    /** {@link Reason#CONFLICT}: someone else changed the record first. */
    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
