package io.threebot.deployer.examples.v3grid;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Capacity in tfchain's units ({@code tfchain_support::resources::Resources}): bytes of HDD, SSD and memory, and
 * a number of cores.
 *
 * @param hru HDD bytes
 * @param sru SSD bytes
 * @param cru cores
 * @param mru memory bytes
 */
public record Resources(long hru, long sru, long cru, long mru) {
    /** No capacity. */
    public static final Resources NONE = new Resources(0, 0, 0, 0);
    private static final long GIB = 1L << 30;

    /** Capacity given in cores and GiB. */
    public static Resources ofGib(long cores, long memoryGib, long ssdGib, long hddGib) {
        return new Resources(hddGib * GIB, ssdGib * GIB, cores, memoryGib * GIB);
    }

    Map<String, Object> scale() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("hru", hru);
        map.put("sru", sru);
        map.put("cru", cru);
        map.put("mru", mru);
        return map;
    }
}
