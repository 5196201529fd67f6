package io.threebot.deployer.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The sizes a 3Bot comes in. */
public enum Flavor {
    SILVER("Silver", 1, 2, 4),
    GOLD("Gold", 2, 4, 4),
    PLATINUM("Platinum", 4, 8, 8);

    private final String displayName;
    private final int cpu;
    private final int memoryGb;
    private final int diskGb;

    Flavor(String displayName, int cpu, int memoryGb, int diskGb) {
        this.displayName = displayName;
        this.cpu = cpu;
        this.memoryGb = memoryGb;
        this.diskGb = diskGb;
    }

    public String displayName() {
        return displayName;
    }

    public int cpu() {
        return cpu;
    }

    public int memoryGb() {
        return memoryGb;
    }

    public int diskGb() {
        return diskGb;
    }

    /** The label shown to users, e.g. "Silver (CPU 1 - Memory 2 GB - Disk 4 GB [SSD])". */
    public String label() {
        return displayName + " (CPU " + cpu + " - Memory " + memoryGb + " GB - Disk " + diskGb + " GB [SSD])";
    }

    /** The resources a node must have free for a 3Bot of this size. */
    public ResourceUnits resources() {
        return new ResourceUnits(cpu, memoryGb, diskGb, 0);
    }

    public Capacity capacity() {
        return new Capacity(cpu, memoryGb * 1024, diskGb * 1024, DiskType.SSD);
    }

    /** Finds a flavor by its name or by a label that starts with it (case-insensitive). */
    public static Optional<Flavor> fromLabel(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String word = text.trim().split("[\\s(]", 2)[0].toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(f -> f.displayName.toLowerCase(Locale.ROOT).equals(word)).findFirst();
    }
}
