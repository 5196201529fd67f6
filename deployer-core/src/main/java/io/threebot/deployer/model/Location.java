package io.threebot.deployer.model;

import java.util.Optional;

/** Where a farm, node or gateway stands. Empty strings mean "unknown". */
public record Location(String continent, String country, String city) {
    public Location {
        continent = continent == null ? "" : continent;
        country = country == null ? "" : country;
        city = city == null ? "" : city;
    }

    /** The continent, when the farmer filled it in. */
    public Optional<String> knownContinent() {
        return continent.isBlank() ? Optional.empty() : Optional.of(continent);
    }
}
