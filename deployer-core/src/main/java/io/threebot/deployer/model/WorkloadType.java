package io.threebot.deployer.model;

/** Kinds of workload the deployer creates. Numbers are the grid's wire values. */
public enum WorkloadType {
    CONTAINER(1, false),
    REVERSE_PROXY(6, true),
    SUBDOMAIN(7, true),
    NETWORK_RESOURCE(10, false);

    private final int wireValue;
    private final boolean onGateway;

    WorkloadType(int wireValue, boolean onGateway) {
        this.wireValue = wireValue;
        this.onGateway = onGateway;
    }

    public int wireValue() {
        return wireValue;
    }

    /** True for workloads that live on a gateway rather than a node. */
    public boolean onGateway() {
        return onGateway;
    }
}
