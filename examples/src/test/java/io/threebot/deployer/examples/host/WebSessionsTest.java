package io.threebot.deployer.examples.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.threebot.deployer.sim.SimulatedClock;
import io.threebot.deployer.store.InMemoryStateStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class WebSessionsTest {
    private final SimulatedClock clock = new SimulatedClock(Instant.parse("2026-11-30T08:00:00Z"));
    private final InMemoryStateStore store = new InMemoryStateStore();
    private final WebSessions sessions = new WebSessions(store, clock);

    @Test
    void aSessionIsFoundByItsCookieOnlyKeptAsAHashAndGoneOnceItRanOut() {
        WebSessions.Opened started = sessions.create(Optional.of("state"));
        WebSessions.Opened alice = sessions.loggedIn(started.cookie(), "alice.3bot");
        assertThat(sessions.find(started.cookie())).as("the pre-login cookie ended").isEmpty();
        assertThat(sessions.find(alice.cookie()).orElseThrow().principal()).contains("alice.3bot");
        assertThat(store.list(WebSessions.KIND, WebSessions.Session.class)).singleElement()
                .satisfies(v -> assertThat(v.id()).hasSize(64).isNotEqualTo(alice.cookie()));
        assertThat(sessions.find("x")).isEmpty();

        WebSessions.Opened idle = sessions.create(Optional.empty());
        clock.advance(WebSessions.LIFETIME.plus(Duration.ofMinutes(1)));
        assertThat(sessions.sweep()).as("both ran out").isEqualTo(2);
        assertThat(sessions.find(alice.cookie())).isEmpty();
        assertThat(sessions.find(idle.cookie())).isEmpty();
        assertThat(store.list(WebSessions.KIND, WebSessions.Session.class)).isEmpty();
    }
}
