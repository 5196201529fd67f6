package io.threebot.deployer.tfgrid.rmb;

/**
 * An RMB peer: a twin id and, optionally, the session ({@code connection}) it logged in to the relay with.
 *
 * @param twin       the twin id (uint32)
 * @param connection the session id, or null when none
 */
public record Address(long twin, String connection) {
    public Address {
        if (twin < 0 || twin > 0xFFFF_FFFFL) {
            throw new InvalidEnvelopeException("twin", "a twin id is between 0 and 4294967295");
        }
    }

    /** A twin without a session. */
    public static Address of(long twin) {
        return new Address(twin, null);
    }

    /** Whether it names a session. */
    public boolean hasConnection() {
        return connection != null;
    }
}
