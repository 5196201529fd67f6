package io.threebot.deployer.tfgrid.proxy;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One page of a gridproxy listing.
 *
 * @param items      the items of this page, in the proxy's order
 * @param request    the page asked for
 * @param totalCount how many items match in all, when the page was asked {@link PageRequest#withCount()} and the
 *                   proxy said
 * @param <T>        the item type
 */
public record Page<T>(List<T> items, PageRequest request, Optional<Long> totalCount) {
    /** Copies the list. */
    public Page {
        items = List.copyOf(items);
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(totalCount, "totalCount");
    }

    /**
     * Whether a next page may hold more: by the total count when known, else when this page came full.
     */
    public boolean hasMore() {
        if (totalCount.isPresent()) {
            return request.page() * request.size() < totalCount.get();
        }
        return items.size() == request.size();
    }

    /** The request for the next page, when {@link #hasMore()}. */
    public Optional<PageRequest> next() {
        return hasMore() ? Optional.of(request.next()) : Optional.empty();
    }
}
