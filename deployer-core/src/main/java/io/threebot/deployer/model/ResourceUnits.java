package io.threebot.deployer.model;

/**
 * Resource units: cores (cru), memory (mru, GB), SSD (sru, GB) and HDD (hru, GB).
 */
public record ResourceUnits(double cru, double mru, double sru, double hru) {
    public static final ResourceUnits ZERO = new ResourceUnits(0, 0, 0, 0);

    public ResourceUnits plus(ResourceUnits other) {
        return new ResourceUnits(cru + other.cru, mru + other.mru, sru + other.sru, hru + other.hru);
    }

    public ResourceUnits minus(ResourceUnits other) {
        return new ResourceUnits(cru - other.cru, mru - other.mru, sru - other.sru, hru - other.hru);
    }

    /** True when every dimension of {@code wanted} fits in these units; cpu and memory are skipped if asked. */
    public boolean covers(ResourceUnits wanted, boolean ignoreCpuAndMemory) {
        boolean cpuMemory = ignoreCpuAndMemory || (cru >= wanted.cru && mru >= wanted.mru);
        return cpuMemory && sru >= wanted.sru && hru >= wanted.hru;
    }
}
