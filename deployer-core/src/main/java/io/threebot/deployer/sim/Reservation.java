package io.threebot.deployer.sim;

/** A pool reservation waiting for (or done with) its payment. Guarded by the grid. */
final class Reservation {
    final long reservationId;
    final long poolId;
    final long cus;
    final long sus;
    final long amountStroops;
    boolean paid;
    boolean canceled;

    Reservation(long reservationId, long poolId, long cus, long sus, long amountStroops) {
        this.reservationId = reservationId;
        this.poolId = poolId;
        this.cus = cus;
        this.sus = sus;
        this.amountStroops = amountStroops;
    }
}
