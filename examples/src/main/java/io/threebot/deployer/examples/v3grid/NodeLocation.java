package io.threebot.deployer.examples.v3grid;

import java.util.Objects;

/**
 * Where a node is, as tfchain stores it ({@code pallet_tfgrid::node::Location}), plus its continent, which the
 * chain does not store but grid discovery reports.
 *
 * @param city      the city
 * @param country   the country
 * @param continent the continent (empty when unknown)
 * @param latitude  the latitude, as text
 * @param longitude the longitude, as text
 */
public record NodeLocation(String city, String country, String continent, String latitude, String longitude) {
    /** @throws NullPointerException when a part is null */
    public NodeLocation {
        Objects.requireNonNull(city, "city");
        Objects.requireNonNull(country, "country");
        Objects.requireNonNull(continent, "continent");
        Objects.requireNonNull(latitude, "latitude");
        Objects.requireNonNull(longitude, "longitude");
    }
}
