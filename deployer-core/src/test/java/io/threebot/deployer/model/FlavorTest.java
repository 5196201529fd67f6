package io.threebot.deployer.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FlavorTest {
    @Test
    void flavorsHaveTheOriginalSizesAndLabels() {
        assertThat(Flavor.SILVER.label()).isEqualTo("Silver (CPU 1 - Memory 2 GB - Disk 4 GB [SSD])");
        assertThat(Flavor.GOLD.capacity()).isEqualTo(new Capacity(2, 4096, 4096, DiskType.SSD));
        assertThat(Flavor.PLATINUM.capacity()).isEqualTo(new Capacity(4, 8192, 8192, DiskType.SSD));
        assertThat(Flavor.fromLabel("Gold (CPU 2 - Memory 4 GB - Disk 4 GB [SSD])")).contains(Flavor.GOLD);
        assertThat(Flavor.fromLabel("platinum")).contains(Flavor.PLATINUM);
        assertThat(Flavor.fromLabel("Diamond")).isEmpty();
    }

    @Test
    void cloudUnitsFollowTheGridFormula() {
        assertThat(Flavor.SILVER.capacity().computeUnits()).isEqualTo(0.5);
        assertThat(Flavor.GOLD.capacity().computeUnits()).isEqualTo(1.0);
        assertThat(Flavor.PLATINUM.capacity().computeUnits()).isEqualTo(2.0);
        assertThat(Flavor.PLATINUM.capacity().storageUnits()).as("first 50 GB free").isZero();
        assertThat(new Capacity(1, 1024, 350 * 1024, DiskType.SSD).storageUnits()).isEqualTo(1.0);
    }
}
