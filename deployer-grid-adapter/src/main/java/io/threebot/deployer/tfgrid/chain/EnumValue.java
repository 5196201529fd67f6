package io.threebot.deployer.tfgrid.chain;

import java.util.Objects;

/**
 * A value of a SCALE enum for the metadata-driven codec: the variant's name and its fields' value ({@code null}
 * for a variant without fields; the one value for a variant with one field; a {@code List} or a {@code Map} by
 * field name for more). For example {@code new EnumValue("Id", publicKey)} is a {@code MultiAddress::Id}.
 * {@code Option}s are Java {@code Optional}s instead.
 */
public record EnumValue(String name, Object value) {
    /** @throws NullPointerException when the name is null */
    public EnumValue {
        Objects.requireNonNull(name, "name");
    }

    /** A variant without fields. */
    public static EnumValue of(String name) {
        return new EnumValue(name, null);
    }
}
