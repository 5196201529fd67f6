package io.threebot.deployer.tfgrid.chain;

import java.util.Objects;

/**
 * An event of a block, decoded by the runtime metadata: its pallet's and its own names, and its fields' value as
 * {@link RuntimeMetadata#decode(int, byte[])} gives it (a {@code Map} by field name, a {@code List} for unnamed
 * fields, the one value for one field, {@code null} for none).
 */
public record ChainEvent(String pallet, String name, Object data) {
    /** @throws NullPointerException when a name is null */
    public ChainEvent {
        Objects.requireNonNull(pallet, "pallet");
        Objects.requireNonNull(name, "name");
    }

    /** Whether this is the event {@code pallet.name} (names as the metadata spells them). */
    public boolean is(String pallet, String name) {
        return this.pallet.equals(pallet) && this.name.equals(name);
    }

    /** {@code Pallet.Name}. */
    @Override
    public String toString() {
        return pallet + "." + name;
    }
}
