package io.threebot.deployer.spi;

/**
 * A fenced write was refused: one of the leases it was made under is no longer held with the writer's token
 * (another instance took the work over, or the lease was released). Nothing was written; the writer must stop its
 * work, since someone else carries it on. Unlike {@link StaleVersionException}, trying again never helps.
 */
public class FencedOffException extends StoreException {
    public FencedOffException(String kind, String id, String lease) {
        super("record " + kind + "/" + id + " was not written: lease " + lease + " is held by another runner now");
    }

    /** {@link Reason#CONFLICT}: another runner holds the work now. */
    @Override
    public Reason reason() {
        return Reason.CONFLICT;
    }
}
