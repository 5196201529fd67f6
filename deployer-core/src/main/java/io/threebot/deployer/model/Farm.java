package io.threebot.deployer.model;

import java.util.Objects;

/** A farm: a group of nodes run by one farmer. */
public record Farm(long id, String name, Location location) {
    public Farm {
        Objects.requireNonNull(name, "name");
        location = location == null ? new Location("", "", "") : location;
    }
}
