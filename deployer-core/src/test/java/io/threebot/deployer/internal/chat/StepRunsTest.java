package io.threebot.deployer.internal.chat;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.chat.ChatSession;
import io.threebot.deployer.chat.SessionStatus;
import io.threebot.deployer.internal.store.Leases;
import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.spi.StateStore;
import io.threebot.deployer.spi.Versioned;
import io.threebot.deployer.store.InMemoryStateStore;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StepRunsTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final SessionClaims claims = new SessionClaims();
    /** Reads of a session made while its claim was held. */
    private final AtomicInteger readsUnderClaim = new AtomicInteger();

    private ChatSession session(SessionStatus status) {
        return new ChatSession("s-1", "deploy", "dora", 1, 0, status, Map.of(), Map.of(), Map.of(), null,
                clock.instant(), clock.instant());
    }

    @Test
    void aSessionThatMovedOnSinceItWasListedBusyIsPassedOverWithoutTakingItsClaim() {
        InMemoryStateStore memory = new InMemoryStateStore();
        StateStore store = (StateStore) Proxy.newProxyInstance(StateStore.class.getClassLoader(),
                new Class<?>[] {StateStore.class}, (self, method, args) -> {
                    if (method.getName().equals("get") && SessionRecords.KIND.equals(args[0])) {
                        Optional<SessionClaims.Claim> free = claims.tryClaim((String) args[1]);
                        free.ifPresentOrElse(SessionClaims.Claim::close, readsUnderClaim::incrementAndGet);
                    }
                    try {
                        return method.invoke(memory, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        SessionRecords sessions = new SessionRecords(store, AesGcmSecretSealer.ephemeral(), clock,
                new FlowCatalog(List.of()));
        try (Leases leases = new Leases(store, "here", Duration.ofSeconds(30), clock)) {
            StepRuns runs = new StepRuns(leases, sessions, claims);
            Versioned<ChatSession> listed = store.put(SessionRecords.KIND, "s-1", session(SessionStatus.BUSY),
                    StateStore.NEW);
            // its step ended meanwhile; its user answers the question at once
            store.put(SessionRecords.KIND, "s-1", session(SessionStatus.WAITING_FOR_ANSWER), listed.version());

            assertThat(runs.takeOver(listed)).isEmpty();
            assertThat(readsUnderClaim).as("reads made while its claim was held").hasValue(0);
            assertThat(store.get(Leases.KIND, "session-s-1", Leases.Lease.class)).as("no lease taken").isEmpty();

            Versioned<ChatSession> stuck = store.get(SessionRecords.KIND, "s-1", ChatSession.class).orElseThrow();
            store.put(SessionRecords.KIND, "s-1", session(SessionStatus.BUSY), stuck.version());
            Versioned<ChatSession> busy = store.get(SessionRecords.KIND, "s-1", ChatSession.class).orElseThrow();
            Optional<SavedSession> taken = runs.takeOver(busy);
            assertThat(taken).as("a session still busy at the version listed is taken over").isPresent();
            assertThat(taken.get().version()).isGreaterThan(busy.version());
            assertThat(runs.runsHere("s-1")).isTrue();
        }
    }
}
