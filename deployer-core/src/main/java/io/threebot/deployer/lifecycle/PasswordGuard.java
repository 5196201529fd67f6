package io.threebot.deployer.lifecycle;

import io.threebot.deployer.crypto.PasswordHasher;
import io.threebot.deployer.model.Threebot;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks recovery passwords against a 3Bot's salted hash, in constant time, and stops guessing: after
 * {@code maxFailures} wrong passwords within {@code window}, the 3Bot accepts none until the oldest ages out.
 */
public final class PasswordGuard {
    private final PasswordHasher hasher;
    private final Clock clock;
    private final int maxFailures;
    private final Duration window;
    private final Map<String, Deque<Instant>> failures = new ConcurrentHashMap<>();

    public PasswordGuard(PasswordHasher hasher, Clock clock, int maxFailures, Duration window) {
        this.hasher = hasher;
        this.clock = clock;
        this.maxFailures = maxFailures;
        this.window = window;
    }

    /**
     * @throws TooManyAttemptsException when the 3Bot is resting after too many wrong passwords
     * @throws WrongPasswordException   when the password is wrong (and counts it)
     */
    public void verify(Threebot threebot, String password) {
        Deque<Instant> recent = failures.computeIfAbsent(threebot.uuid(), k -> new ArrayDeque<>());
        synchronized (recent) {
            Instant now = clock.instant();
            while (!recent.isEmpty() && !recent.peekFirst().plus(window).isAfter(now)) {
                recent.pollFirst();
            }
            if (recent.size() >= maxFailures) {
                Duration wait = Duration.between(now, recent.peekFirst().plus(window));
                throw new TooManyAttemptsException("Too many wrong recovery passwords for 3Bot '" + threebot.name()
                        + "'; try again in " + Math.max(1, wait.toMinutes()) + " minute(s).", wait);
            }
            if (!hasher.matches(password, threebot.passwordHash())) {
                recent.addLast(now);
                throw new WrongPasswordException("Incorrect recovery password for 3Bot '" + threebot.name() + "'.");
            }
            recent.clear();
        }
    }
}
