package io.threebot.deployer.internal.store;

import com.google.common.hash.Hashing;
import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * At most {@code limit} things of one kind per owner at once (open chats, open payment requests), held across
 * deployer instances by the store itself: each owner has {@code limit} slot records, and each thing holds one,
 * taken by compare-and-set. A slot whose holder is no longer open is free again. Of any number of takers at once,
 * on one instance or several, at most {@code limit} get a slot; a taker that finds none is refused at once.
 */
public final class OwnerSlots {
    /** One slot: whose it is, what holds it, and since when (its holder may not be written yet). */
    public record Slot(String owner, String holder, java.time.Instant takenAt) {
    }

    private final StateStore store;
    private final String kind;
    private final int limit;

    /**
     * @param kind  the store kind of this limit's slot records
     * @param limit how many slots each owner has
     */
    public OwnerSlots(StateStore store, String kind, int limit) {
        this.store = Objects.requireNonNull(store, "store");
        this.kind = Objects.requireNonNull(kind, "kind");
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive");
        }
        this.limit = limit;
    }

    public int limit() {
        return limit;
    }

    /**
     * Takes a slot of {@code owner}'s for {@code holder}, at {@code now}: a slot nobody holds, or one that
     * {@code open} says is held by nothing open any more. False when every slot is held by something open.
     */
    public boolean take(String owner, String holder, java.time.Instant now, Predicate<Slot> open) {
        for (int slot = 0; slot < limit; slot++) {
            String id = slotId(owner, slot);
            Optional<Versioned<Slot>> current = store.get(kind, id, Slot.class);
            if (current.isPresent() && open.test(current.get().value())) {
                continue;
            }
            try {
                store.put(kind, id, new Slot(owner, holder, now), current.map(Versioned::version).orElse(StateStore.NEW));
                return true;
            } catch (StaleVersionException e) {
                // another taker came first: this slot is held now, look at the next
            }
        }
        return false;
    }

    private static String slotId(String owner, int slot) {
        // an owner's principal may hold any character; the record id is a hash of it
        return Hashing.sha256().hashString(owner, StandardCharsets.UTF_8).toString().substring(0, 40) + "-" + slot;
    }
}
