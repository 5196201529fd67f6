package io.threebot.deployer.tfgrid.proxy;

import io.threebot.deployer.errors.InvalidInputException;
import java.util.Map;
import java.util.TreeMap;

/**
 * Which page of a listing to ask for: {@code page} (from 1) of {@code size} items, and whether the proxy should also
 * say how many items match in all ({@code ret_count=true}, answered in its {@code count} header).
 *
 * @param page      the page number, from 1
 * @param size      items a page, 1 to {@link #MAX_SIZE}
 * @param countTotal whether to ask for the total count
 */
public record PageRequest(long page, int size, boolean countTotal) {
    /** The largest page taken. */
    public static final int MAX_SIZE = 1000;
    /** The gridproxy's own page size when none is given. */
    public static final int DEFAULT_SIZE = 50;

    /** Checks the numbers; {@link InvalidInputException} naming {@code page} or {@code size}. */
    public PageRequest {
        if (page < 1) {
            throw new InvalidInputException("page", "page must be 1 or more, not " + page);
        }
        if (size < 1 || size > MAX_SIZE) {
            throw new InvalidInputException("size", "size must be 1 to " + MAX_SIZE + ", not " + size);
        }
    }

    /** The first page of {@code size} items, without the count. */
    public static PageRequest first(int size) {
        return new PageRequest(1, size, false);
    }

    /** The first page of {@value #DEFAULT_SIZE} items, without the count. */
    public static PageRequest first() {
        return first(DEFAULT_SIZE);
    }

    /** The same page, asking for the total count too. */
    public PageRequest withCount() {
        return new PageRequest(page, size, true);
    }

    /** The page after this one, same size and count. */
    public PageRequest next() {
        return new PageRequest(page + 1, size, countTotal);
    }

    /** {@code page}, {@code size} and (when asked) {@code ret_count}, as query parameters. */
    Map<String, String> queryParameters() {
        Map<String, String> out = new TreeMap<>();
        out.put("page", Long.toString(page));
        out.put("size", Integer.toString(size));
        if (countTotal) {
            out.put("ret_count", "true");
        }
        return out;
    }
}
