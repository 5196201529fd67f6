package io.threebot.deployer.spi;

import java.util.Objects;

/**
 * A farm a {@link ThreebotHosting} can place a 3Bot on.
 *
 * @param continent where it is, as the chat's continent choice names it ({@code "Europe"})
 */
public record HostingFarm(long id, String name, String continent) {
    /** @throws NullPointerException when a part is null */
    public HostingFarm {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(continent, "continent");
    }
}
