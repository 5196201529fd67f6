package io.threebot.deployer.tfgrid.deploy;

import io.threebot.deployer.errors.InvalidInputException;
import io.threebot.deployer.model.Flavor;
import java.util.Objects;

/**
 * What a 3Bot's VM gets: CPU cores, memory and the SSD disk mounted for its data (the VM's root file system comes on
 * top, {@link #ROOT_FS_BYTES}).
 *
 * @param cpu         cores
 * @param memoryBytes memory, bytes
 * @param diskBytes   the data disk, bytes
 */
public record BotSize(int cpu, long memoryBytes, long diskBytes) {
    /** The root file system every 3Bot VM gets besides its data disk. */
    public static final long ROOT_FS_BYTES = 2L << 30;
    private static final long GIB = 1L << 30;

    /** @throws InvalidInputException when a value is not positive */
    public BotSize {
        if (cpu < 1 || memoryBytes < 1 || diskBytes < 1) {
            throw new InvalidInputException("size", "a 3Bot needs at least one core, some memory and a disk");
        }
    }

    /** The size of a flavor (Silver, Gold, Platinum): its cores, GB of memory and GB of SSD. */
    public static BotSize of(Flavor flavor) {
        Objects.requireNonNull(flavor, "flavor");
        return new BotSize(flavor.cpu(), flavor.memoryGb() * GIB, flavor.diskGb() * GIB);
    }

    /** The SSD space a node must have free: the data disk and the root file system. */
    public long ssdBytes() {
        return diskBytes + ROOT_FS_BYTES;
    }
}
