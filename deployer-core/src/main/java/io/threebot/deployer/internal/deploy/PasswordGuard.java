package io.threebot.deployer.internal.deploy;

import io.threebot.deployer.internal.store.Records;
import io.threebot.deployer.spi.StateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The one limiter of recovery-password checks, wherever a password is verified (the chats, the service calls).
 * Attempts are counted per 3Bot identity and per owner, in the {@link StateStore}, so neither a new session, a new
 * 3Bot id after a start, nor a restarted deployer resets them. An attempt is counted before the password is
 * checked and taken back when it was right, so parallel guesses cannot pass the limit.
 */
public final class PasswordGuard {
    static final String KIND = "password-attempts";

    /** What a check gave. */
    public sealed interface Outcome {
        /** The password is right. */
        record Accepted() implements Outcome {
        }

        /** The password is wrong; the attempt counts. */
        record Wrong() implements Outcome {
        }

        /** Too many wrong passwords lately: nothing was checked; try again after {@code retryAfter}. */
        record Locked(Duration retryAfter) implements Outcome {
        }
    }

    /**
     * What the user is told when a password of 3Bot {@code name} was refused; the same words whether the name
     * belongs to a 3Bot the user had or not.
     */
    public static String refusal(Outcome outcome, String name) {
        if (outcome instanceof Outcome.Locked locked) {
            return "Too many wrong recovery passwords for 3Bot '" + name + "'; try again in "
                    + Math.max(1, locked.retryAfter().toMinutes()) + " minute(s).";
        }
        return "Incorrect recovery password for 3Bot '" + name + "'.";
    }

    /** The recent attempts under one key. */
    record Attempts(List<Instant> at) {
        Attempts {
            at = List.copyOf(at);
        }

        Attempts since(Instant start) {
            return new Attempts(at.stream().filter(t -> t.isAfter(start)).toList());
        }
    }

    private final StateStore store;
    private final Clock clock;
    private final int maxPerIdentity;
    private final int maxPerOwner;
    private final Duration window;

    public PasswordGuard(StateStore store, Clock clock, int maxPerIdentity, int maxPerOwner, Duration window) {
        this.store = store;
        this.clock = clock;
        this.maxPerIdentity = maxPerIdentity;
        this.maxPerOwner = maxPerOwner;
        this.window = window;
    }

    /**
     * Checks a password of {@code identityName} for {@code owner} with {@code matches} (the slow, constant-time
     * comparison), unless either has had too many wrong attempts within the window.
     */
    public Outcome check(String owner, String identityName, BooleanSupplier matches) {
        Instant now = clock.instant();
        String identityKey = "identity." + identityName;
        String ownerKey = "owner." + owner;
        Optional<Duration> wait = take(identityKey, maxPerIdentity, now);
        if (wait.isPresent()) {
            return new Outcome.Locked(wait.get());
        }
        wait = take(ownerKey, maxPerOwner, now);
        if (wait.isPresent()) {
            giveBack(identityKey, now);
            return new Outcome.Locked(wait.get());
        }
        if (!matches.getAsBoolean()) {
            return new Outcome.Wrong();
        }
        giveBack(identityKey, now);
        giveBack(ownerKey, now);
        return new Outcome.Accepted();
    }

    /** Counts an attempt under the key unless it is at its limit; returns how long to wait then, else nothing. */
    private Optional<Duration> take(String key, int max, Instant now) {
        List<Optional<Duration>> wait = new ArrayList<>(List.of(Optional.empty()));
        Records.upsert(store, KIND, key, Attempts.class, new Attempts(List.of()), a -> {
            Attempts recent = a.since(now.minus(window));
            if (recent.at().size() >= max) {
                Duration left = Duration.between(now, recent.at().get(0).plus(window));
                wait.set(0, Optional.of(left.compareTo(Duration.ofSeconds(1)) < 0 ? Duration.ofSeconds(1) : left));
                return recent;
            }
            wait.set(0, Optional.empty());
            List<Instant> more = new ArrayList<>(recent.at());
            more.add(now);
            return new Attempts(more);
        });
        return wait.get(0);
    }

    /** Takes back the attempt counted at {@code now}: it was right (or another limit refused it first). */
    private void giveBack(String key, Instant now) {
        Records.upsert(store, KIND, key, Attempts.class, new Attempts(List.of()), a -> {
            List<Instant> fewer = new ArrayList<>(a.at());
            fewer.remove(now);
            return new Attempts(fewer);
        });
    }
}
