package io.threebot.deployer.spi;

/**
 * Where a {@link ThreebotHosting} deploy reports each step it made, for the deployer to persist before the deploy
 * goes on. When it throws, the deploy stops where it is and cancels nothing, as after a crash.
 */
@FunctionalInterface
public interface HostingJournal {
    /** Records one entry, an implementation's own text; called on the deploying thread, in order. */
    void record(String entry);
}
