package io.threebot.deployer.model;

/** Payment state of a pool reservation. */
public record PoolPayment(long reservationId, boolean paid, boolean released, boolean canceled, String cause) {
    public PoolPayment {
        cause = cause == null ? "" : cause;
    }

    public boolean usable() {
        return paid && released;
    }
}
