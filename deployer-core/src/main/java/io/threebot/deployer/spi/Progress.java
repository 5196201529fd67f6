package io.threebot.deployer.spi;

/** Lets a long step tell the user how it is going. */
@FunctionalInterface
public interface Progress {
    /** Shows a progress message (markdown). */
    void update(String message);

    /** A progress sink that shows nothing, for callers that do not follow progress. */
    static Progress silent() {
        return message -> {
        };
    }
}
