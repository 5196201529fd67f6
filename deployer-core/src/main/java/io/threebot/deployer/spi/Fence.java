package io.threebot.deployer.spi;

import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The leases a write is made under, each with the token its holder got when it took the lease. A store takes a
 * fenced write only while every one of those leases is still held with that token, checked in the same atomic step
 * as the write: a runner whose lease another instance took over (after a crash, a pause or a network partition) can
 * no longer change anything, whatever it still believes.
 *
 * <p>Leases are records of kind {@value #LEASE_KIND} whose JSON form has a top-level {@value #TOKEN_FIELD} field; a
 * lease is taken by writing a new token, and renewing it keeps the token.
 *
 * @param tokens the token held, by lease name (the lease record's id); never empty
 */
public record Fence(Map<String, String> tokens) {
    /** The record kind leases are stored under. */
    public static final String LEASE_KIND = "lease";
    /** The field of a lease record that holds its holder's token. */
    public static final String TOKEN_FIELD = "token";

    public Fence {
        Objects.requireNonNull(tokens, "tokens");
        if (tokens.isEmpty()) {
            throw new IllegalArgumentException("a fence names at least one lease");
        }
        tokens = Collections.unmodifiableMap(new TreeMap<>(tokens)); // ordered: stores lock leases in this order
    }

    /** A fence of one lease. */
    public static Fence of(String lease, String token) {
        return new Fence(Map.of(lease, token));
    }

    /** True when a lease record of {@code lease} holding {@code heldToken} (null when absent) lets the write in. */
    public boolean admits(String lease, String heldToken) {
        return heldToken != null && heldToken.equals(tokens.get(lease));
    }
}
