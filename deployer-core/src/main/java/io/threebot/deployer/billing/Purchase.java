package io.threebot.deployer.billing;

import io.threebot.deployer.model.Flavor;
import java.util.Objects;
import java.util.Optional;

/**
 * What a user buys for an existing 3Bot: days of capacity for a start, restart, new size, new location or an
 * extension. The price follows from the 3Bot's size (the new one for a change of size) and the days.
 *
 * @param size the new size, for {@link PurchaseKind#CHANGE_SIZE} only
 */
public record Purchase(PurchaseKind kind, int days, Optional<Flavor> size) {
    public Purchase {
        Objects.requireNonNull(kind, "kind");
        size = size == null ? Optional.empty() : size;
        if (size.isPresent() != (kind == PurchaseKind.CHANGE_SIZE)) {
            throw new IllegalArgumentException("a size goes with a change of size, and only with it");
        }
    }

    public static Purchase start(int days) {
        return new Purchase(PurchaseKind.START, days, Optional.empty());
    }

    public static Purchase restart(int days) {
        return new Purchase(PurchaseKind.RESTART, days, Optional.empty());
    }

    public static Purchase changeSize(Flavor size, int days) {
        return new Purchase(PurchaseKind.CHANGE_SIZE, days, Optional.of(size));
    }

    public static Purchase changeLocation(int days) {
        return new Purchase(PurchaseKind.CHANGE_LOCATION, days, Optional.empty());
    }

    public static Purchase extend(int days) {
        return new Purchase(PurchaseKind.EXTEND, days, Optional.empty());
    }
}
