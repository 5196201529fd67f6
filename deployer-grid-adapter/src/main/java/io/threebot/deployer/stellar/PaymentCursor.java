package io.threebot.deployer.stellar;

import io.threebot.deployer.spi.StaleVersionException;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The paging token of the last payment of the operator's account that was recorded, kept in the state store so
 * following resumes there after a restart and instances sharing the store share it. It only moves forward: several
 * instances advancing it at once end at the furthest.
 */
final class PaymentCursor {
    static final String KIND = "stellar-cursor";
    private static final Pattern TOKEN = Pattern.compile("[0-9]{1,30}");
    private static final int ATTEMPTS = 50;

    /** The stored form. */
    record Position(String pagingToken) {
    }

    private final StateStore store;
    private final String account;

    PaymentCursor(StateStore store, String account) {
        this.store = store;
        this.account = account;
    }

    Optional<String> read() {
        return store.get(KIND, account, Position.class).map(v -> v.value().pagingToken());
    }

    /** Moves the cursor to {@code token} unless it is already there or further. */
    void advance(String token) {
        BigInteger next = parse(token);
        for (int i = 0; i < ATTEMPTS; i++) {
            Optional<Versioned<Position>> current = store.get(KIND, account, Position.class);
            if (current.isPresent() && parse(current.get().value().pagingToken()).compareTo(next) >= 0) {
                return;
            }
            try {
                store.put(KIND, account, new Position(token),
                        current.map(Versioned::version).orElse(StateStore.NEW));
                return;
            } catch (StaleVersionException e) {
                // another instance moved it: compare again
            }
        }
        throw new IllegalStateException("the payment cursor of " + account + " kept changing under us");
    }

    /** A paging token as a number; Horizon's are decimal operation ids. */
    static BigInteger parse(String token) {
        if (token == null || !TOKEN.matcher(token).matches()) {
            throw new HorizonAnswerException("Horizon sent a paging token that is not one");
        }
        return new BigInteger(token);
    }
}
