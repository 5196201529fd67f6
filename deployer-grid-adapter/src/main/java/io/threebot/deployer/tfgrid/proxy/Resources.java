package io.threebot.deployer.tfgrid.proxy;

/**
 * Amounts of a node's resources, as the gridproxy counts them.
 *
 * @param cru CPU cores
 * @param mru memory, bytes
 * @param sru SSD, bytes
 * @param hru HDD, bytes
 */
public record Resources(long cru, long mru, long sru, long hru) {
    /** Nothing. */
    public static final Resources NONE = new Resources(0, 0, 0, 0);

    /** What is left of these when {@code used} is taken: each amount at least 0. */
    public Resources minus(Resources used) {
        return new Resources(Math.max(0, cru - used.cru), Math.max(0, mru - used.mru),
                Math.max(0, sru - used.sru), Math.max(0, hru - used.hru));
    }

    /** Whether each amount here is at least that of {@code wanted}. */
    public boolean covers(Resources wanted) {
        return cru >= wanted.cru && mru >= wanted.mru && sru >= wanted.sru && hru >= wanted.hru;
    }

    static Resources read(JsonFields json) {
        return new Resources(json.count("cru"), json.count("mru"), json.count("sru"), json.count("hru"));
    }
}
