package io.threebot.deployer.model;

import java.time.Duration;

/**
 * A container's capacity.
 *
 * @param memoryMib memory in MiB
 * @param diskMib   root disk in MiB
 */
public record Capacity(int cpu, int memoryMib, int diskMib, DiskType diskType) {
    public Capacity {
        if (cpu <= 0 || memoryMib <= 0 || diskMib <= 0) {
            throw new IllegalArgumentException("capacity must be positive: cpu=" + cpu + " memory=" + memoryMib
                    + " disk=" + diskMib);
        }
    }

    public ResourceUnits resources() {
        double gb = diskMib / 1024.0;
        return new ResourceUnits(cpu, memoryMib / 1024.0, diskType == DiskType.SSD ? gb : 0,
                diskType == DiskType.HDD ? gb : 0);
    }

    /** Compute units per second as the grid counts them: min(memory GB / 4, cpu / 2), rounded to 3 places. */
    public double computeUnits() {
        return Math.round(Math.min(memoryMib / 1024.0 / 4, cpu / 2.0) * 1000) / 1000.0;
    }

    /** The compute-unit-seconds a pool needs to run this capacity for {@code period}, rounded up. */
    public long computeUnitSeconds(Duration period) {
        return (long) Math.ceil(computeUnits() * period.toSeconds());
    }

    /** The storage-unit-seconds a pool needs to run this capacity for {@code period}, rounded up. */
    public long storageUnitSeconds(Duration period) {
        return (long) Math.ceil(storageUnits() * period.toSeconds());
    }

    /** Storage units per second; the first 50 GB of a root filesystem are free. */
    public double storageUnits() {
        double billable = Math.max(0, diskMib / 1024.0 - 50);
        double su = diskType == DiskType.SSD ? billable / 300 : billable / 1200;
        return Math.round(su * 1000) / 1000.0;
    }
}
